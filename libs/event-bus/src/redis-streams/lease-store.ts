import type { Redis } from 'ioredis';

const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
const HEARTBEAT = `
local t = redis.call('time')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('zadd', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
redis.call('zremrangebyscore', KEYS[1], '-inf', now)
redis.call('pexpire', KEYS[1], tonumber(ARGV[2]) * 2)
return redis.call('zcard', KEYS[1])`;

/**
 * Partition leases and group membership in Redis. A lease is a key holding the member id with a
 * TTL (`SET NX PX`); only its holder may renew or release it (compare-and-act scripts). Membership
 * is a sorted set of members scored by heartbeat expiry in Redis time, so clocks need not agree.
 */
export class LeaseStore {
  constructor(private readonly redis: Redis, private readonly member: string, private readonly leaseMs: number) {}

  async acquire(leaseKey: string): Promise<boolean> {
    return (await this.redis.set(leaseKey, this.member, 'PX', this.leaseMs, 'NX')) === 'OK';
  }

  /** Renews the given leases at once; returns the ones this member no longer holds. */
  async renew(leaseKeys: readonly string[]): Promise<string[]> {
    if (leaseKeys.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const key of leaseKeys) pipeline.eval(RENEW, 1, key, this.member, this.leaseMs);
    const results = (await pipeline.exec()) ?? [];
    return leaseKeys.filter((_, i) => {
      const [err, value] = results[i] ?? [new Error('no reply')];
      if (err) throw err;
      return value !== 1;
    });
  }

  async release(leaseKeys: readonly string[]): Promise<void> {
    if (leaseKeys.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const key of leaseKeys) pipeline.eval(RELEASE, 1, key, this.member);
    await pipeline.exec();
  }

  /** Marks this member alive for one lease period and returns how many members the group has. */
  async heartbeat(membersKey: string): Promise<number> {
    return Number(await this.redis.eval(HEARTBEAT, 1, membersKey, this.member, this.leaseMs));
  }

  async leave(membersKey: string): Promise<void> {
    await this.redis.zrem(membersKey, this.member);
  }
}
