import type { Redis } from 'ioredis';
import type { Account } from 'oidc-provider';

/** A bench user as stored in the peer's Redis (the same fields ours keeps in PostgreSQL). */
export interface StoredUser {
  sub: string;
  claims: Record<string, unknown>;
  channels: Array<{ type: 'webhook'; url: string }>;
}

export const userKey = (sub: string) => `bench:user:${sub}`;
export const loginHintKey = (hint: string) => `bench:login_hint:${hint}`;

/** The peer's user store: one Redis read to resolve a login hint, one to load the user. */
export function createAccounts(redis: Redis) {
  return {
    async subForLoginHint(hint: string): Promise<string | undefined> {
      return (await redis.get(loginHintKey(hint))) ?? undefined;
    },
    async load(sub: string): Promise<StoredUser | undefined> {
      const raw = await redis.get(userKey(sub));
      return raw ? (JSON.parse(raw) as StoredUser) : undefined;
    },
    async findAccount(sub: string): Promise<(Account & { user: StoredUser }) | undefined> {
      const user = await this.load(sub);
      if (!user) return undefined;
      return { accountId: sub, user, claims: () => ({ sub, ...user.claims }) };
    },
  };
}

export type Accounts = ReturnType<typeof createAccounts>;
