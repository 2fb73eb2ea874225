import type { JWK } from 'jose';
import { KeyNotReadyError } from '../../domain/keys/key-not-ready-error.ts';
import type { KeyEncryption } from '../../domain/keys/key-encryption.ts';
import type { SigningKeyRepository, SigningKeyState, StoredSigningKey } from '../../domain/keys/stored-signing-key.ts';
import { Prisma, type SigningKey } from './generated/client.ts';
import type { TokenDb } from './prisma-client.ts';

/** `signing_keys` plus `rewrap()`, which the service runs at start. */
export interface WrappingSigningKeyRepository extends SigningKeyRepository {
  /**
   * Wraps every private key still in clear, and rewraps those wrapped by a previous key-encryption
   * key, with the current one; returns how many rows changed. Nothing to do without a KEK.
   */
  rewrap(): Promise<number>;
}

/**
 * `signing_keys` through Prisma. Private JWKs are wrapped by `encryption` (the KEK) when one is
 * configured and unwrapped on read; key creation and rotation are serialised per algorithm by a
 * transaction-scoped advisory lock.
 */
export function signingKeyRepository(db: TokenDb, schema: string, encryption: KeyEncryption | null = null): WrappingSigningKeyRepository {
  const lock = (tx: Prisma.TransactionClient, alg: string) => tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`ciba-signing-keys:${schema}:${alg}`}))`;

  const privateColumns = async (jwk: JWK) =>
    encryption
      ? { privateJwe: await encryption.wrap(new TextEncoder().encode(JSON.stringify(jwk))), privateJwk: Prisma.DbNull }
      : { privateJwk: jwk as object, privateJwe: null };

  const toStored = async (row: SigningKey): Promise<StoredSigningKey> => {
    let privateJwk: JWK;
    if (row.privateJwe !== null) {
      if (!encryption) throw new Error(`signing key ${row.kid} is encrypted at rest: set SIGNING_KEY_ENCRYPTION_KEY to the key-encryption key that wrapped it`);
      privateJwk = JSON.parse(new TextDecoder().decode(await encryption.unwrap(row.privateJwe))) as JWK;
    } else privateJwk = row.privateJwk as JWK;
    return {
      kid: row.kid,
      alg: row.alg,
      privateJwk,
      publicJwk: row.publicJwk as JWK,
      state: row.state as SigningKeyState,
      createdAt: row.createdAt,
      activatedAt: row.activatedAt,
      retiredAt: row.retiredAt,
      publishUntil: row.publishUntil,
    };
  };

  const insert = async (tx: Prisma.TransactionClient, key: StoredSigningKey) =>
    tx.signingKey.create({
      data: {
        kid: key.kid,
        alg: key.alg,
        publicJwk: key.publicJwk as object,
        ...(await privateColumns(key.privateJwk)),
        state: key.state,
        createdAt: key.createdAt,
        activatedAt: key.activatedAt,
      },
    });

  return {
    async listAll() {
      const rows = await db.signingKey.findMany({ orderBy: { createdAt: 'desc' } });
      return Promise.all(rows.map(toStored));
    },

    async ensureKeys(alg, generate) {
      const present = await db.signingKey.findMany({ where: { alg, state: { in: ['active', 'next'] } }, select: { state: true } });
      if (present.some((row) => row.state === 'active') && present.some((row) => row.state === 'next')) return;
      const [active, next] = await Promise.all([generate(), generate()]);
      await db.$transaction(async (tx) => {
        await lock(tx, alg);
        const states = new Set((await tx.signingKey.findMany({ where: { alg, state: { in: ['active', 'next'] } }, select: { state: true } })).map((row) => row.state));
        if (!states.has('active')) await insert(tx, { ...active, state: 'active', activatedAt: active.createdAt });
        if (!states.has('next')) await insert(tx, { ...next, state: 'next', activatedAt: null });
      });
    },

    async rotate(alg, { now, publishUntil, nextCreatedBefore, generate }) {
      const fresh = await generate();
      return db.$transaction(async (tx) => {
        await lock(tx, alg);
        const next = await tx.signingKey.findFirst({ where: { alg, state: 'next' }, orderBy: { createdAt: 'asc' } });
        if (!next) throw new Error(`no next ${alg} key to rotate to: the service creates one at start`);
        if (next.createdAt > nextCreatedBefore) throw new KeyNotReadyError(alg, new Date(next.createdAt.getTime() + (now.getTime() - nextCreatedBefore.getTime())));
        const active = await tx.signingKey.findFirst({ where: { alg, state: 'active' } });
        if (active) await tx.signingKey.update({ where: { kid: active.kid }, data: { state: 'retired', retiredAt: now, publishUntil } });
        await tx.signingKey.update({ where: { kid: next.kid }, data: { state: 'active', activatedAt: now } });
        await insert(tx, { ...fresh, state: 'next', createdAt: now, activatedAt: null });
        return { alg, activated: next.kid, retired: active?.kid ?? null, next: fresh.kid };
      });
    },

    async deleteExpired(now) {
      const { count } = await db.signingKey.deleteMany({ where: { state: 'retired', publishUntil: { lte: now } } });
      return count;
    },

    async rewrap() {
      if (!encryption) return 0;
      const rows = await db.signingKey.findMany();
      let changed = 0;
      for (const row of rows) {
        if (row.privateJwe !== null && encryption.keyIdOf(row.privateJwe) === encryption.currentKeyId) continue;
        const stored = await toStored(row);
        await db.signingKey.update({ where: { kid: row.kid }, data: await privateColumns(stored.privateJwk) });
        changed += 1;
      }
      return changed;
    },
  };
}
