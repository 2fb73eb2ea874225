import type { SigningKeyRepository, StoredSigningKey } from '../../src/domain/keys/stored-signing-key.ts';

/** An in-memory `SigningKeyRepository`; `rows` is exposed so tests can inspect or retire keys. */
export function memorySigningKeyRepository(): SigningKeyRepository & { rows: StoredSigningKey[] } {
  const rows: StoredSigningKey[] = [];
  return {
    rows,
    async listAll() {
      return [...rows].reverse();
    },
    async ensureActive(alg, generate) {
      const existing = rows.find((k) => k.alg === alg && k.active);
      if (existing) return existing;
      const key = await generate();
      rows.push(key);
      return key;
    },
  };
}
