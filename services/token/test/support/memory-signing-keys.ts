import { createSigningKeys, type LoadableSigningKeys } from '../../src/domain/keys/create-signing-keys.ts';
import { memorySigningKeyRepository } from './memory-signing-key-repository.ts';

/** The real signing keys (fresh jose key pairs) over an in-memory store, loaded; for unit tests. */
export async function memorySigningKeys(): Promise<LoadableSigningKeys> {
  const keys = createSigningKeys(memorySigningKeyRepository());
  await keys.load();
  return keys;
}
