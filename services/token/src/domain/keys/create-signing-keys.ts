import { CompactSign, decodeProtectedHeader, importJWK, jwtVerify, SignJWT, errors, type CryptoKey, type JWTPayload } from 'jose';
import { generateSigningKey } from './generate-signing-key.ts';
import { KeyNotReadyError } from './key-not-ready-error.ts';
import type { KeyLifecycle, SigningKeyInfo } from './key-lifecycle.ts';
import { SIGNING_ALGS, type SigningAlg, type SigningKeys } from './signing-keys.ts';
import type { Rotation, SigningKeyRepository, StoredSigningKey } from './stored-signing-key.ts';

interface LoadedKey {
  stored: StoredSigningKey;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: object;
}

/** `SigningKeys` plus the life cycle the service drives: load at start and periodically, rotate on demand. */
export interface LoadableSigningKeys extends SigningKeys {
  /**
   * Makes sure every algorithm has an active and a next key, rotates keys whose rotation is due,
   * deletes retired keys past their `publishUntil`, then (re)loads every key. Called at start before
   * anything signs, and periodically so replicas pick up rotations made elsewhere.
   */
  load(): Promise<void>;
  /**
   * Rotates `alg` (every algorithm when absent): next → active, active → retired, a new next. Without
   * `force`, refuses (`KeyNotReadyError`) while the next key is younger than `nextMinAgeS`; `force` is
   * for a compromised key. Reloads before resolving.
   */
  rotate(options?: { alg?: SigningAlg; force?: boolean }): Promise<Rotation[]>;
  /** Every loaded key, for operators. */
  describe(): SigningKeyInfo[];
}

export const DEFAULT_KEY_LIFECYCLE: KeyLifecycle = { retentionS: 86_400, rotationIntervalS: 0, nextMinAgeS: 0 };

/** The signing keys backed by the `signing_keys` table. */
export function createSigningKeys(repo: SigningKeyRepository, lifecycle: KeyLifecycle = DEFAULT_KEY_LIFECYCLE, now: () => Date = () => new Date()): LoadableSigningKeys {
  let byKid = new Map<string, LoadedKey>();
  let activeByAlg = new Map<string, LoadedKey>();

  const loaded = () => {
    if (byKid.size === 0) throw new Error('signing keys are not loaded: call start() first');
  };
  const published = (key: LoadedKey, at: Date) => key.stored.publishUntil === null || key.stored.publishUntil > at;
  const activeOf = (alg: string) => {
    const key = activeByAlg.get(alg);
    if (!key) throw new Error(`no active signing key for ${alg}`);
    return key;
  };

  const rotateAlg = (alg: string, at: Date, force: boolean) =>
    repo.rotate(alg, {
      now: at,
      publishUntil: new Date(at.getTime() + lifecycle.retentionS * 1000),
      // With no minimum age every next key is old enough, even one a concurrent rotation inserted with a
      // clock reading a little later than ours (`at` is read before the row lock is taken).
      nextCreatedBefore: force || lifecycle.nextMinAgeS === 0 ? new Date(8.64e15) : new Date(at.getTime() - lifecycle.nextMinAgeS * 1000),
      generate: () => generateSigningKey(alg as SigningAlg, 'next', at),
    });

  const keys: LoadableSigningKeys = {
    supportedAlgs: SIGNING_ALGS,

    async load() {
      const at = now();
      await Promise.all(SIGNING_ALGS.map((alg) => repo.ensureKeys(alg, () => generateSigningKey(alg, 'active', at))));
      await repo.deleteExpired(at);
      let stored = await repo.listAll();
      if (lifecycle.rotationIntervalS > 0) {
        const due = stored.filter((key) => key.state === 'active' && (key.activatedAt ?? key.createdAt).getTime() + lifecycle.rotationIntervalS * 1000 <= at.getTime());
        const rotated = await Promise.all(due.map((key) => rotateAlg(key.alg, at, false).catch((err: unknown) => (err instanceof KeyNotReadyError ? null : Promise.reject(err)))));
        if (rotated.some(Boolean)) stored = await repo.listAll();
      }
      const nextByKid = new Map<string, LoadedKey>();
      const nextActive = new Map<string, LoadedKey>();
      for (const key of stored) {
        const entry: LoadedKey = {
          stored: key,
          privateKey: (await importJWK(key.privateJwk, key.alg)) as CryptoKey,
          publicKey: (await importJWK(key.publicJwk, key.alg)) as CryptoKey,
          publicJwk: { ...key.publicJwk, kid: key.kid, alg: key.alg, use: 'sig' },
        };
        nextByKid.set(key.kid, entry);
        if (key.state === 'active' && !nextActive.has(key.alg)) nextActive.set(key.alg, entry);
      }
      byKid = nextByKid;
      activeByAlg = nextActive;
    },

    async rotate(options = {}) {
      const at = now();
      const algs = options.alg ? [options.alg] : SIGNING_ALGS;
      const rotations: Rotation[] = [];
      for (const alg of algs) rotations.push(await rotateAlg(alg, at, options.force === true));
      await keys.load();
      return rotations;
    },

    describe() {
      return [...byKid.values()].map(({ stored }) => ({
        kid: stored.kid,
        alg: stored.alg,
        state: stored.state,
        created_at: stored.createdAt.toISOString(),
        activated_at: stored.activatedAt?.toISOString() ?? null,
        retired_at: stored.retiredAt?.toISOString() ?? null,
        publish_until: stored.publishUntil?.toISOString() ?? null,
      }));
    },

    async sign(payload, options: { alg: SigningAlg; typ?: string }) {
      loaded();
      const key = activeOf(options.alg);
      return new SignJWT(payload as JWTPayload)
        .setProtectedHeader({ alg: key.stored.alg, kid: key.stored.kid, ...(options.typ ? { typ: options.typ } : {}) })
        .sign(key.privateKey);
    },

    async signDetached(payload, options: { alg: SigningAlg; typ: string }) {
      loaded();
      const key = activeOf(options.alg);
      const jws = await new CompactSign(new TextEncoder().encode(payload))
        .setProtectedHeader({ alg: key.stored.alg, kid: key.stored.kid, typ: options.typ })
        .sign(key.privateKey);
      const [header, , signature] = jws.split('.');
      return `${header}..${signature}`;
    },

    async verify(jwt, options = {}) {
      loaded();
      const header = decodeProtectedHeader(jwt);
      const key = typeof header.kid === 'string' ? byKid.get(header.kid) : undefined;
      if (!key || header.alg !== key.stored.alg || !published(key, now())) throw new errors.JWKSNoMatchingKey();
      const { payload, protectedHeader } = await jwtVerify(jwt, key.publicKey, {
        algorithms: [key.stored.alg],
        ...(options.currentDate ? { currentDate: options.currentDate } : {}),
      });
      return { payload: payload as Record<string, unknown>, protectedHeader: protectedHeader as Record<string, unknown> };
    },

    jwks() {
      const at = now();
      return { keys: [...byKid.values()].filter((key) => published(key, at)).map((key) => key.publicJwk) };
    },
  };
  return keys;
}
