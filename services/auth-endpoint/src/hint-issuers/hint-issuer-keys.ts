import { createLocalJWKSet, createRemoteJWKSet, customFetch, type JWTVerifyGetKey } from 'jose';
import { guardedJwksFetch } from '@ciba/service-kit';
import type { TrustedHintIssuer } from './trusted-hint-issuer.ts';

/** A trusted issuer with its key resolver. */
export interface HintIssuerKeys {
  issuer: TrustedHintIssuer;
  keys: JWTVerifyGetKey;
}

/**
 * The trusted `login_hint_token` issuers by `iss`, each with its keys: by value, or fetched from its
 * `jwks_uri` through the outbound guard (https and public addresses only in production, no redirects,
 * 64 KiB at most), cached for 10 minutes and refetched at most every 30 s on an unknown `kid`.
 * The configuration has vetted each `jwks_uri` against the outbound rules already.
 */
export function hintIssuerKeys(issuers: readonly TrustedHintIssuer[], production: boolean): ReadonlyMap<string, HintIssuerKeys> {
  const fetchJwks = guardedJwksFetch(production);
  return new Map(
    issuers.map((issuer) => {
      let keys: JWTVerifyGetKey;
      if (issuer.jwks) keys = createLocalJWKSet(issuer.jwks as Parameters<typeof createLocalJWKSet>[0]);
      else {
        keys = createRemoteJWKSet(new URL(issuer.jwks_uri!), { timeoutDuration: 5000, cooldownDuration: 30_000, cacheMaxAge: 600_000, [customFetch]: fetchJwks });
      }
      return [issuer.issuer, { issuer, keys }] as const;
    }),
  );
}
