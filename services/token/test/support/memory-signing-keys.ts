import { createSigningKeys, type LoadableSigningKeys } from '../../src/domain/keys/create-signing-keys.ts';
import type { StoredSigningKey } from '../../src/domain/keys/stored-signing-key.ts';

/** The real signing keys (fresh jose key pairs) over an in-memory store, loaded; for unit tests. */
export async function memorySigningKeys(): Promise<LoadableSigningKeys> {
  const stored: StoredSigningKey[] = [];
  const keys = createSigningKeys({
    async listAll() {
      return [...stored];
    },
    async ensureActive(alg, generate) {
      const found = stored.find((k) => k.alg === alg && k.active);
      if (found) return found;
      const key = await generate();
      stored.push(key);
      return key;
    },
  });
  await keys.load();
  return keys;
}
