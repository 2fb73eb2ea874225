import { createLocalJWKSet, createRemoteJWKSet, customFetch, type JSONWebKeySet, type JWTVerifyGetKey, type RemoteJWKSet } from 'jose';
import { checkOutboundUrl } from '../domain/clients/check-outbound-url.ts';
import type { ClientRecord } from '../domain/clients/client-record.ts';
import { guardedJwksFetch } from '@ciba/service-kit';

const MAX_CACHED = 1000;

/** Resolves the verification keys of a client from its registered `jwks` or `jwks_uri`. */
export interface ClientKeySets {
  /** The key resolver of the client, or null when it registered no keys (or an unusable `jwks_uri`). */
  forClient(client: ClientRecord): JWTVerifyGetKey | null;
  /**
   * The client's JWK Set as a whole (for its certificates, `x5c`): the registered `jwks`, or the
   * `jwks_uri` document from the cache, fetched when absent or stale, or when `refresh` asks and the
   * 30 s cooldown allows (a certificate the cached set lacks). Null without keys or when unreachable.
   */
  keySetOf(client: ClientRecord, options?: { refresh?: boolean }): Promise<JSONWebKeySet | null>;
}

interface Entry {
  resolver: JWTVerifyGetKey;
  remote?: RemoteJWKSet;
  local?: JSONWebKeySet;
}

/**
 * One key resolver per client, kept while the process lives (client records never change). Remote
 * sets are fetched lazily through the outbound guard, cached for 10 minutes and refetched at most every
 * 30 s on an unknown `kid`.
 */
export function createClientKeySets(options: { production: boolean; /** Tests only. @defaultValue 30000 */ cooldownMs?: number }): ClientKeySets {
  const cache = new Map<string, Entry>();
  const fetchJwks = guardedJwksFetch(options.production);
  const entryOf = (client: ClientRecord): Entry | null => {
    const hit = cache.get(client.clientId);
    if (hit) return hit;
    const { jwks, jwks_uri: jwksUri } = client.metadata;
    let entry: Entry | null = null;
    if (jwks) entry = { resolver: createLocalJWKSet(jwks as JSONWebKeySet), local: jwks as JSONWebKeySet };
    else if (jwksUri && !checkOutboundUrl(jwksUri, options.production)) {
      const remote = createRemoteJWKSet(new URL(jwksUri), {
        timeoutDuration: 5000,
        cooldownDuration: options.cooldownMs ?? 30_000,
        cacheMaxAge: 600_000,
        [customFetch]: fetchJwks,
      });
      entry = { resolver: remote, remote };
    }
    if (!entry) return null;
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(client.clientId, entry);
    return entry;
  };
  return {
    forClient: (client) => entryOf(client)?.resolver ?? null,
    async keySetOf(client, { refresh = false } = {}) {
      const entry = entryOf(client);
      if (!entry) return null;
      if (entry.local) return entry.local;
      const remote = entry.remote!;
      try {
        if (!remote.fresh || remote.jwks() === undefined || (refresh && !remote.coolingDown)) await remote.reload();
      } catch {
        // unreachable now: answer from what was fetched before, if anything
      }
      return remote.jwks() ?? null;
    },
  };
}
