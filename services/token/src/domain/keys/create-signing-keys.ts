import { CompactSign, decodeProtectedHeader, importJWK, jwtVerify, SignJWT, errors, type CryptoKey, type JWTPayload } from 'jose';
import { generateSigningKey } from './generate-signing-key.ts';
import { SIGNING_ALGS, type SigningAlg, type SigningKeys } from './signing-keys.ts';
import type { SigningKeyRepository } from './stored-signing-key.ts';

interface LoadedKey {
  kid: string;
  alg: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: object;
  active: boolean;
}

/** `SigningKeys` plus `load()`, which the service calls at start before anything signs or verifies. */
export interface LoadableSigningKeys extends SigningKeys {
  /** Loads every stored key and creates the missing active key of each algorithm. */
  load(): Promise<void>;
}

/** The signing keys backed by the `signing_keys` table. */
export function createSigningKeys(repo: SigningKeyRepository): LoadableSigningKeys {
  let byKid = new Map<string, LoadedKey>();
  let activeByAlg = new Map<string, LoadedKey>();

  const loaded = () => {
    if (byKid.size === 0) throw new Error('signing keys are not loaded: call start() first');
  };

  return {
    supportedAlgs: SIGNING_ALGS,

    async load() {
      await Promise.all(SIGNING_ALGS.map((alg) => repo.ensureActive(alg, () => generateSigningKey(alg))));
      const nextByKid = new Map<string, LoadedKey>();
      const nextActive = new Map<string, LoadedKey>();
      for (const stored of await repo.listAll()) {
        const key: LoadedKey = {
          kid: stored.kid,
          alg: stored.alg,
          privateKey: (await importJWK(stored.privateJwk, stored.alg)) as CryptoKey,
          publicKey: (await importJWK(stored.publicJwk, stored.alg)) as CryptoKey,
          publicJwk: { ...stored.publicJwk, kid: stored.kid, alg: stored.alg, use: 'sig' },
          active: stored.active,
        };
        nextByKid.set(key.kid, key);
        if (key.active && !nextActive.has(key.alg)) nextActive.set(key.alg, key);
      }
      byKid = nextByKid;
      activeByAlg = nextActive;
    },

    async sign(payload, options: { alg: SigningAlg; typ?: string }) {
      loaded();
      const key = activeByAlg.get(options.alg);
      if (!key) throw new Error(`no active signing key for ${options.alg}`);
      return new SignJWT(payload as JWTPayload)
        .setProtectedHeader({ alg: key.alg, kid: key.kid, ...(options.typ ? { typ: options.typ } : {}) })
        .sign(key.privateKey);
    },

    async signDetached(payload, options: { alg: SigningAlg; typ: string }) {
      loaded();
      const key = activeByAlg.get(options.alg);
      if (!key) throw new Error(`no active signing key for ${options.alg}`);
      const jws = await new CompactSign(new TextEncoder().encode(payload))
        .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: options.typ })
        .sign(key.privateKey);
      const [header, , signature] = jws.split('.');
      return `${header}..${signature}`;
    },

    async verify(jwt, options = {}) {
      loaded();
      const header = decodeProtectedHeader(jwt);
      const key = typeof header.kid === 'string' ? byKid.get(header.kid) : undefined;
      if (!key || header.alg !== key.alg) throw new errors.JWKSNoMatchingKey();
      const { payload, protectedHeader } = await jwtVerify(jwt, key.publicKey, {
        algorithms: [key.alg],
        ...(options.currentDate ? { currentDate: options.currentDate } : {}),
      });
      return { payload: payload as Record<string, unknown>, protectedHeader: protectedHeader as Record<string, unknown> };
    },

    jwks() {
      return { keys: [...byKid.values()].map((k) => k.publicJwk) };
    },
  };
}
