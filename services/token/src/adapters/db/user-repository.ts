import type { UserChannel } from '@ciba/contracts';
import { batchedLookup, perPool, type PgPool } from '@ciba/service-kit';
import type { UserProfile } from '../../domain/users/user-profile.ts';
import type { UserRecord } from '../../domain/users/user-record.ts';
import type { UserRepository } from '../../domain/users/user-repository.ts';
import type { OutboxRecord } from '@ciba/event-bus';
import { outboxData } from './outbox-data.ts';
import { Prisma, type TokenDb } from './prisma-client.ts';

class HintConflict extends Error {}

interface ProfileRow {
  sub: string;
  claims: Record<string, unknown>;
  channels: UserChannel[];
  user_code_hash: string | null;
}

const toProfile = (row: ProfileRow): UserProfile => ({ sub: row.sub, claims: row.claims, channels: row.channels, userCodeHash: row.user_code_hash });

const PROFILES_BY_SUBS = 'SELECT "sub", "claims", "channels", "user_code_hash" FROM "users" WHERE "sub" = ANY($1::text[])';
const PROFILES_BY_HINTS = `SELECT h."hint", u."sub", u."claims", u."channels", u."user_code_hash"
  FROM "user_login_hints" h JOIN "users" u ON u."sub" = h."sub" WHERE h."hint" = ANY($1::text[])`;
const RECORD_BY_SUB = `SELECT u."sub", u."claims", u."channels", u."user_code_hash",
  ARRAY(SELECT h."hint" FROM "user_login_hints" h WHERE h."sub" = u."sub") AS "login_hints"
  FROM "users" u WHERE u."sub" = $1`;

interface ProfileLookups {
  bySub(sub: string): Promise<ProfileRow | null>;
  byHint(hint: string): Promise<(ProfileRow & { hint: string }) | null>;
}

/** The pool's one pair of batched profile look-ups, so every repository over it shares their batches. */
const profileLookups = perPool(
  (pool): ProfileLookups => ({
    bySub: batchedLookup<ProfileRow>(pool, { name: 'token.user-profiles-by-subs', text: PROFILES_BY_SUBS, keyOf: (row) => row.sub }),
    byHint: batchedLookup<ProfileRow & { hint: string }>(pool, { name: 'token.user-profiles-by-hints', text: PROFILES_BY_HINTS, keyOf: (row) => row.hint }),
  }),
);

/**
 * `users` and `user_login_hints`. Each read is one named SQL statement through the service's pool (the
 * directory's hot path: one round trip, none of Prisma's per-query work); the directory's profile
 * reads of concurrent callers share one `= ANY` statement per batch. Writes are Prisma transactions (cold).
 */
export function userRepository(db: TokenDb, pool: PgPool): UserRepository {
  const read = async <R>(name: string, text: string, values: unknown[]) => (await pool.query({ name, text, values })).rows as R[];
  const lookups = profileLookups(pool);
  return {
    async findBySub(sub) {
      const [row] = await read<ProfileRow & { login_hints: string[] }>('token.user-record-by-sub', RECORD_BY_SUB, [sub]);
      return row ? { ...toProfile(row), loginHints: row.login_hints.sort() } : null;
    },

    async findProfile(sub) {
      const row = await lookups.bySub(sub);
      return row ? toProfile(row) : null;
    },

    async findProfileByLoginHint(hint) {
      const row = await lookups.byHint(hint);
      return row ? toProfile(row) : null;
    },

    async replace(user: UserRecord, event?: OutboxRecord) {
      const data = { claims: user.claims as object, channels: user.channels as object[], userCodeHash: user.userCodeHash };
      try {
        await db.$transaction(async (tx) => {
          await tx.user.upsert({ where: { sub: user.sub }, create: { sub: user.sub, ...data }, update: data });
          await tx.userLoginHint.deleteMany({ where: { sub: user.sub } });
          const taken = await tx.userLoginHint.findFirst({ where: { hint: { in: user.loginHints } }, select: { hint: true } });
          if (taken) throw new HintConflict();
          await tx.userLoginHint.createMany({ data: user.loginHints.map((hint) => ({ hint, sub: user.sub })) });
          if (event) await tx.outboxEvent.create({ data: outboxData(event) });
        });
        return 'stored';
      } catch (err) {
        if (err instanceof HintConflict) return 'conflict';
        if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') return 'conflict';
        throw err;
      }
    },

    async delete(sub, event?: OutboxRecord) {
      return db.$transaction(async (tx) => {
        const { count } = await tx.user.deleteMany({ where: { sub } });
        if (count > 0 && event) await tx.outboxEvent.create({ data: outboxData(event) });
        return count > 0;
      });
    },
  };
}
