/** The pause after round `round` before the next: `backoffMs · 2^(round-1)`. */
export function roundBackoffMs(backoffMs: number, round: number): number {
  return backoffMs * 2 ** (round - 1);
}
