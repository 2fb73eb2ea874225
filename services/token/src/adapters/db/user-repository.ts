import type { UserChannel } from '@ciba/contracts';
import type { UserRecord } from '../../domain/users/user-record.ts';
import type { UserRepository } from '../../domain/users/user-repository.ts';
import { Prisma, type TokenDb } from './prisma-client.ts';

class HintConflict extends Error {}

/** `users` and `user_login_hints` through Prisma. */
export function userRepository(db: TokenDb): UserRepository {
  return {
    async findBySub(sub) {
      const row = await db.user.findUnique({ where: { sub }, include: { loginHints: { select: { hint: true } } } });
      if (!row) return null;
      return {
        sub: row.sub,
        loginHints: row.loginHints.map((h) => h.hint).sort(),
        claims: row.claims as Record<string, unknown>,
        channels: row.channels as UserChannel[],
        userCodeHash: row.userCodeHash,
      };
    },

    async findSubByLoginHint(hint) {
      const row = await db.userLoginHint.findUnique({ where: { hint }, select: { sub: true } });
      return row?.sub ?? null;
    },

    async replace(user: UserRecord) {
      const data = { claims: user.claims as object, channels: user.channels as object[], userCodeHash: user.userCodeHash };
      try {
        await db.$transaction(async (tx) => {
          await tx.user.upsert({ where: { sub: user.sub }, create: { sub: user.sub, ...data }, update: data });
          await tx.userLoginHint.deleteMany({ where: { sub: user.sub } });
          const taken = await tx.userLoginHint.findFirst({ where: { hint: { in: user.loginHints } }, select: { hint: true } });
          if (taken) throw new HintConflict();
          await tx.userLoginHint.createMany({ data: user.loginHints.map((hint) => ({ hint, sub: user.sub })) });
        });
        return 'stored';
      } catch (err) {
        if (err instanceof HintConflict) return 'conflict';
        if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') return 'conflict';
        throw err;
      }
    },

    async delete(sub) {
      const { count } = await db.user.deleteMany({ where: { sub } });
      return count > 0;
    },
  };
}
