import type { Redis } from 'ioredis';
import type { PollBoundsConfig } from '../../config.ts';
import type { PollFront } from '../../domain/grants/poll-front.ts';
import { GATE_FUNCTION, PRELUDE } from './poll-bound-scripts.ts';
import { bounded, pollBoundArgs, pollClientKeys } from './redis-poll-bounds.ts';
import { cachedPollFunction, pollCacheKeys } from './redis-poll-cache.ts';

/**
 * KEYS[1] the client's bound record, KEYS[2] the grant's cache entry, KEYS[3] the prefix of decision
 * marks, KEYS[4] the grant's pace; ARGV 1–6 the bounds (as the bound scripts), ARGV[7] client id,
 * ARGV[8] now (ms). The bound scripts' gate, then the poll cache's poll, then a cached slow_down's
 * strike, in one atomic script. Returns {1|2, ms} when the gate refuses; {0, 0, 'db'} when the cache
 * cannot answer; {0, 0, 'pending'|'slow_down', interval, penalty ms}.
 */
const FRONT = `${PRELUDE}${GATE_FUNCTION}${cachedPollFunction('KEYS[2]', 'KEYS[3]', 'KEYS[4]', 'ARGV[7]', 'ARGV[8]')}
local code, ms = gate()
if code ~= 0 then return {code, ms} end
local answer, interval = cachedPoll()
if answer == 'db' then return {0, 0, 'db'} end
local penalty = 0
if answer == 'slow_down' then penalty = strike() end
return {0, 0, answer, interval, penalty}
`;

interface PollFrontCommands {
  cibaPollFront(client: string, entry: string, marks: string, pace: string, ...args: Array<string | number>): Promise<[number, number, string?, number?, number?]>;
}

export interface RedisPollFrontOptions {
  namespace: string;
  /** What the bound keys' HMAC key is derived from (ADMIN_TOKEN), as `redisPollBounds`. */
  secret: string;
  /** The bounds (0 limit and 0 strikes: off, and the script only reads the client's record). */
  bounds: PollBoundsConfig;
}

/**
 * `PollFront` on Redis: one Lua script over the keys of `redisPollBounds` and `redisPollCache`, on the
 * same connection. Throws when the connection is not ready or slower than `bounds.timeoutMs`.
 */
export function redisPollFront(redis: Redis, options: RedisPollFrontOptions): PollFront {
  const commands = redis as Redis & PollFrontCommands;
  if (!('cibaPollFront' in redis)) redis.defineCommand('cibaPollFront', { numberOfKeys: 4, lua: FRONT });
  const args = pollBoundArgs(options.bounds);
  const clientKey = pollClientKeys(options.namespace, options.secret);
  const { entryKey, marks, paceKey } = pollCacheKeys(options.namespace);
  return {
    async poll(clientId, authReqIdHash, now) {
      if (redis.status !== 'ready') throw new Error(`redis connection is ${redis.status}`);
      const [code, ms, answer, interval, penaltyMs] = await bounded(
        commands.cibaPollFront(clientKey(clientId), entryKey(authReqIdHash), marks, paceKey(authReqIdHash), ...args, clientId, now.getTime()),
        options.bounds.timeoutMs,
      );
      if (code !== 0) return { gate: { outcome: code === 2 ? 'penalty' : 'slow_down', retryAfter: Math.max(1, Math.ceil(ms / 1000)) } };
      if (answer !== 'pending' && answer !== 'slow_down') return { gate: { outcome: 'ok' }, cached: null, penalty: 0 };
      const penalty = Number(penaltyMs ?? 0);
      return { gate: { outcome: 'ok' }, cached: { outcome: answer, interval: Number(interval) }, penalty: penalty > 0 ? Math.max(1, Math.ceil(penalty / 1000)) : 0 };
    },
  };
}
