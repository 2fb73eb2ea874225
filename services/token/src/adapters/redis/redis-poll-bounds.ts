import { createHmac } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { PollBoundsConfig } from '../../config.ts';
import type { PollBounds } from '../../domain/grants/poll-bounds.ts';
import { GATE_POLL, SLOWED_DOWN } from './poll-bound-scripts.ts';

interface PollBoundCommands {
  cibaGatePoll(key: string, ...args: number[]): Promise<[number, number]>;
  cibaSlowedDown(key: string, ...args: number[]): Promise<number>;
}

/** Client ids whose MAC is remembered (authenticated clients only reach here); past it the memory starts afresh. */
const CLIENT_MACS = 10_000;

export interface RedisPollBoundsOptions {
  /** Prefix of every key (`REDIS_NAMESPACE`). */
  namespace: string;
  /** What the keys' HMAC key is derived from (ADMIN_TOKEN); every replica must share it. */
  secret: string;
  bounds: PollBoundsConfig;
}

/**
 * The per-client poll bounds on Redis, one Lua script per check, keyed
 * `<namespace>:token:poll-client:<HMAC of the client id>`. A Redis that is not ready, or slower than
 * `bounds.timeoutMs`, makes `gate` throw: the caller lets the poll through.
 */
export function redisPollBounds(redis: Redis, options: RedisPollBoundsOptions): PollBounds {
  const commands = redis as Redis & PollBoundCommands;
  if (!('cibaGatePoll' in redis)) {
    redis.defineCommand('cibaGatePoll', { numberOfKeys: 1, lua: GATE_POLL });
    redis.defineCommand('cibaSlowedDown', { numberOfKeys: 1, lua: SLOWED_DOWN });
  }
  const { timeoutMs } = options.bounds;
  const args = pollBoundArgs(options.bounds);
  const keyOf = pollClientKeys(options.namespace, options.secret);
  const ready = () => {
    if (redis.status !== 'ready') throw new Error(`redis connection is ${redis.status}`);
  };
  return {
    async gate(clientId) {
      ready();
      const [code, ms] = await bounded(commands.cibaGatePoll(keyOf(clientId), ...args), timeoutMs);
      if (code === 0) return { outcome: 'ok' };
      return { outcome: code === 2 ? 'penalty' : 'slow_down', retryAfter: Math.max(1, Math.ceil(ms / 1000)) };
    },
    async slowedDown(clientId) {
      ready();
      const penaltyMs = await bounded(commands.cibaSlowedDown(keyOf(clientId), ...args), timeoutMs);
      return penaltyMs > 0 ? Math.max(1, Math.ceil(penaltyMs / 1000)) : 0;
    },
  };
}

/** The scripts' bound arguments (ARGV 1–6 of the prelude). */
export function pollBoundArgs({ clientLimit, clientWindowS, strikes, strikeWindowS, penaltyS, penaltyMaxS }: PollBoundsConfig): number[] {
  return [clientLimit, clientWindowS * 1000, strikes, strikeWindowS * 1000, penaltyS * 1000, penaltyMaxS * 1000];
}

/** A client's record key, `<namespace>:token:poll-client:<HMAC of the client id>` (the MACs of recent clients remembered). */
export function pollClientKeys(namespace: string, secret: string): (clientId: string) => string {
  const macKey = createHmac('sha256', secret).update('ciba token poll-bound keys v1').digest();
  const macs = new Map<string, string>();
  return (clientId) => {
    let key = macs.get(clientId);
    if (key === undefined) {
      if (macs.size >= CLIENT_MACS) macs.clear();
      key = `${namespace}:token:poll-client:${createHmac('sha256', macKey).update(clientId).digest('base64url')}`;
      macs.set(clientId, key);
    }
    return key;
  };
}

/** Rejects when `promise` has not settled within `ms`. */
export function bounded<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`redis did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
