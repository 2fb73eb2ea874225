import { KeyNotReadyError } from '../../src/domain/keys/key-not-ready-error.ts';
import type { SigningKeyRepository, StoredSigningKey } from '../../src/domain/keys/stored-signing-key.ts';

/** An in-memory `SigningKeyRepository` with the table's rules; `rows` is exposed so tests can inspect keys. */
export function memorySigningKeyRepository(): SigningKeyRepository & { rows: StoredSigningKey[] } {
  const rows: StoredSigningKey[] = [];
  const find = (alg: string, state: StoredSigningKey['state']) => rows.find((k) => k.alg === alg && k.state === state);
  return {
    rows,
    async listAll() {
      return [...rows].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    },
    async ensureKeys(alg, generate) {
      if (!find(alg, 'active')) rows.push({ ...(await generate()), state: 'active' });
      if (!find(alg, 'next')) rows.push({ ...(await generate()), state: 'next', activatedAt: null });
    },
    async rotate(alg, { now, publishUntil, nextCreatedBefore, generate }) {
      const fresh = await generate();
      const next = find(alg, 'next');
      if (!next) throw new Error(`no next ${alg} key`);
      if (next.createdAt > nextCreatedBefore) throw new KeyNotReadyError(alg, new Date(next.createdAt.getTime() + now.getTime() - nextCreatedBefore.getTime()));
      const active = find(alg, 'active');
      if (active) Object.assign(active, { state: 'retired', retiredAt: now, publishUntil });
      Object.assign(next, { state: 'active', activatedAt: now });
      rows.push({ ...fresh, state: 'next', createdAt: now, activatedAt: null });
      return { alg, activated: next.kid, retired: active?.kid ?? null, next: fresh.kid };
    },
    async deleteExpired(now) {
      const expired = rows.filter((k) => k.state === 'retired' && k.publishUntil !== null && k.publishUntil <= now);
      for (const key of expired) rows.splice(rows.indexOf(key), 1);
      return expired.length;
    },
  };
}
