import type { DpopReplayCache } from '../../src/dpop/dpop-replay-cache.ts';

/** The replay cache's contract in memory, for unit tests of the proof rules (Redis has its own test). */
export function memoryDpopReplayCache(): DpopReplayCache & { ttls: number[] } {
  const seen = new Set<string>();
  const ttls: number[] = [];
  return {
    ttls,
    async claim(key, ttlSeconds) {
      ttls.push(ttlSeconds);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    },
  };
}
