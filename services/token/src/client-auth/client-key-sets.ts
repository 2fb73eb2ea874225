import { createLocalJWKSet, createRemoteJWKSet, customFetch, type JWTVerifyGetKey } from 'jose';
import { checkOutboundUrl } from '../domain/clients/check-outbound-url.ts';
import type { ClientRecord } from '../domain/clients/client-record.ts';
import { guardedJwksFetch } from '@ciba/service-kit';

const MAX_CACHED = 1000;

/** Resolves the verification keys of a client from its registered `jwks` or `jwks_uri`. */
export interface ClientKeySets {
  /** The key resolver of the client, or null when it registered no keys (or an unusable `jwks_uri`). */
  forClient(client: ClientRecord): JWTVerifyGetKey | null;
}

/**
 * One key resolver per client, kept while the process lives (client records never change). Remote
 * sets are fetched lazily through the outbound guard, cached for 10 minutes and refetched at most every
 * 30 s on an unknown `kid`.
 */
export function createClientKeySets(options: { production: boolean }): ClientKeySets {
  const cache = new Map<string, JWTVerifyGetKey>();
  const fetchJwks = guardedJwksFetch(options.production);
  return {
    forClient(client) {
      const hit = cache.get(client.clientId);
      if (hit) return hit;
      const { jwks, jwks_uri: jwksUri } = client.metadata;
      let resolver: JWTVerifyGetKey | null = null;
      if (jwks) resolver = createLocalJWKSet(jwks as Parameters<typeof createLocalJWKSet>[0]);
      else if (jwksUri && !checkOutboundUrl(jwksUri, options.production)) {
        resolver = createRemoteJWKSet(new URL(jwksUri), {
          timeoutDuration: 5000,
          cooldownDuration: 30_000,
          cacheMaxAge: 600_000,
          [customFetch]: fetchJwks,
        });
      }
      if (!resolver) return null;
      if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
      cache.set(client.clientId, resolver);
      return resolver;
    },
  };
}
