import type { ClientRecord } from '../domain/clients/client-record.ts';
import type { ClientRepository } from '../domain/clients/client-repository.ts';

const MAX_CACHED = 1000;

/**
 * Client lookups with an in-process cache of found clients: records are immutable once registered,
 * so a hit is never stale. Misses are not cached (a client may be registered through another instance).
 */
export function cachedClientLookup(repo: ClientRepository): (clientId: string) => Promise<ClientRecord | null> {
  const cache = new Map<string, ClientRecord>();
  return async (clientId) => {
    const hit = cache.get(clientId);
    if (hit) return hit;
    const found = await repo.findById(clientId);
    if (found) {
      if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
      cache.set(clientId, found);
    }
    return found;
  };
}
