import type { Redis } from 'ioredis';
import type { PromptLimitsConfig } from '../../config.ts';
import type { PromptLimits } from '../../domain/prompt-limits.ts';
import { promptLimitKeys, type PromptLimitKeys } from './prompt-limit-keys.ts';
import { RELEASE_PROMPT, RESERVE_PROMPT, SETTLE_PROMPT } from './prompt-limit-scripts.ts';
import { withTimeout } from './with-timeout.ts';

interface PromptLimitCommands {
  cibaReservePrompt(pending: string, user: string, client: string, requestId: string, pendingTtlMs: number, userLimit: number, userWindowMs: number, clientLimit: number, clientWindowMs: number): Promise<[number, number]>;
  cibaReleasePrompt(pending: string, user: string, client: string, requestId: string, bucket: number): Promise<number>;
  cibaSettlePrompt(pending: string, requestId: string): Promise<number>;
}

const REFUSALS = { 1: 'pending', 2: 'user', 3: 'client' } as const;
/** Connection states in which a command would only queue until Redis is back: answered at once instead. */
const DOWN = new Set(['reconnecting', 'close', 'end']);

export interface RedisPromptLimitsOptions {
  /** Prefix of every key (`REDIS_NAMESPACE`). */
  namespace: string;
  /** What the keys' HMAC key is derived from; every replica sharing the limits must share it. */
  secret: string;
  limits: PromptLimitsConfig;
}

/**
 * The prompt limits on Redis, one Lua script per check-and-count. When Redis cannot answer within
 * `limits.timeoutMs` (or its connection is down) `reserve` throws and the caller refuses the request:
 * the limits fail closed. A reservation whose answer came too late is taken back when it lands.
 */
export function redisPromptLimits(redis: Redis, options: RedisPromptLimitsOptions): PromptLimits {
  const commands = redis as Redis & PromptLimitCommands;
  if (!('cibaReservePrompt' in redis)) {
    redis.defineCommand('cibaReservePrompt', { numberOfKeys: 3, lua: RESERVE_PROMPT });
    redis.defineCommand('cibaReleasePrompt', { numberOfKeys: 3, lua: RELEASE_PROMPT });
    redis.defineCommand('cibaSettlePrompt', { numberOfKeys: 1, lua: SETTLE_PROMPT });
  }
  const keysOf = promptLimitKeys(options.namespace, options.secret);
  const { perUser, perClient, duplicateWindowS, timeoutMs } = options.limits;
  // Bounded like the check: a request that failed is not kept waiting for its release.
  const release = (keys: PromptLimitKeys, requestId: string, bucket: number) =>
    withTimeout(commands.cibaReleasePrompt(keys.pending, keys.user, keys.client, requestId, bucket), timeoutMs, () => undefined).then(() => undefined);

  return {
    async reserve(prompt) {
      if (DOWN.has(redis.status)) throw new Error(`redis connection is ${redis.status}`);
      const keys = keysOf(prompt.clientId, prompt.sub);
      const pendingTtlMs = Math.min(duplicateWindowS, prompt.expiresIn) * 1000;
      const answer = commands.cibaReservePrompt(keys.pending, keys.user, keys.client, prompt.requestId, pendingTtlMs, perUser.limit, perUser.windowS * 1000, perClient.limit, perClient.windowS * 1000);
      const [code, value] = await withTimeout(answer, timeoutMs, () => {
        // The refused request must not count: take back whatever the late answer counted.
        answer.then(([late, bucket]) => (late === 0 ? release(keys, prompt.requestId, bucket) : undefined)).catch(() => undefined);
      });
      if (code === 0) return { accepted: true, release: () => release(keys, prompt.requestId, value) };
      const refusal = REFUSALS[code as keyof typeof REFUSALS];
      if (!refusal) throw new Error(`unexpected prompt limit answer ${code}`);
      return { accepted: false, refusal, retryAfter: Math.max(1, Math.ceil(value / 1000)) };
    },
    async settled(prompt) {
      if (duplicateWindowS === 0) return;
      if (DOWN.has(redis.status)) throw new Error(`redis connection is ${redis.status}`);
      await withTimeout(commands.cibaSettlePrompt(keysOf(prompt.clientId, prompt.sub).pending, prompt.requestId), timeoutMs, () => undefined);
    },
  };
}
