import type { Redis } from 'ioredis';
import type { Adapter, AdapterPayload } from 'oidc-provider';

const grantable = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest']);
const consumable = new Set(['AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest']);

const grantKeyFor = (id: string) => `grant:${id}`;
const userCodeKeyFor = (userCode: string) => `userCode:${userCode}`;
const uidKeyFor = (uid: string) => `uid:${uid}`;

/**
 * oidc-provider's storage adapter over Redis, after the project's documented example adapter
 * (example/adapters/redis.js): consumable models are hashes (so `consume` is one HSET), the others
 * strings; every key expires with its model; a grant's tokens are listed so they can be revoked together.
 */
export class RedisAdapter implements Adapter {
  constructor(
    private readonly name: string,
    private readonly client: Redis,
  ) {}

  async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    const key = this.key(id);
    const multi = this.client.multi();
    if (consumable.has(this.name)) multi.hset(key, { payload: JSON.stringify(payload) });
    else multi.set(key, JSON.stringify(payload));
    if (expiresIn) multi.expire(key, expiresIn);
    if (grantable.has(this.name) && payload.grantId) {
      const grantKey = grantKeyFor(payload.grantId);
      multi.rpush(grantKey, key);
      const ttl = await this.client.ttl(grantKey);
      if (expiresIn && expiresIn > ttl) multi.expire(grantKey, expiresIn);
    }
    if (payload.userCode) {
      multi.set(userCodeKeyFor(payload.userCode), id);
      if (expiresIn) multi.expire(userCodeKeyFor(payload.userCode), expiresIn);
    }
    if (payload.uid) {
      multi.set(uidKeyFor(payload.uid), id);
      if (expiresIn) multi.expire(uidKeyFor(payload.uid), expiresIn);
    }
    await multi.exec();
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    if (consumable.has(this.name)) {
      const data = await this.client.hgetall(this.key(id));
      if (!data || !data.payload) return undefined;
      const { payload, ...rest } = data;
      return { ...rest, ...(JSON.parse(payload) as AdapterPayload) };
    }
    const data = await this.client.get(this.key(id));
    return data ? (JSON.parse(data) as AdapterPayload) : undefined;
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    const id = await this.client.get(uidKeyFor(uid));
    return id ? this.find(id) : undefined;
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    const id = await this.client.get(userCodeKeyFor(userCode));
    return id ? this.find(id) : undefined;
  }

  async destroy(id: string): Promise<void> {
    await this.client.del(this.key(id));
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    const multi = this.client.multi();
    const tokens = await this.client.lrange(grantKeyFor(grantId), 0, -1);
    for (const token of tokens) multi.del(token);
    multi.del(grantKeyFor(grantId));
    await multi.exec();
  }

  async consume(id: string): Promise<void> {
    await this.client.hset(this.key(id), 'consumed', Math.floor(Date.now() / 1000));
  }

  private key(id: string): string {
    return `${this.name}:${id}`;
  }
}
