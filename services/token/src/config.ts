import { z } from 'zod';
import { baseEnv, ConfigError, emptyToUndefined, loadConfig, mtlsEnv, settleBaseConfig, settleMtlsConfig, wholeNumber, type BaseConfig, type MtlsConfig } from '@ciba/service-kit';
import { settleClientSecretKey } from './config/settle-client-secret-key.ts';
import type { KeyLifecycle } from './domain/keys/key-lifecycle.ts';
import { settleDpopConfig, type DpopConfig } from './dpop/dpop-config.ts';
import { dpopEnv } from './dpop/dpop-env.ts';

/** The `OTEL_*` tracing variables, read by the composition root (`startTracing`). */
export { tracingEnv } from '@ciba/service-kit';

const seconds = (fallback: number, max: number) =>
  z.preprocess(
    emptyToUndefined,
    z.coerce.number({ error: 'expected a number of seconds' }).int('expected a whole number of seconds').min(1, 'must be at least 1 second').max(max, `must be at most ${max} seconds`).default(fallback),
  );
const wholeSeconds = (fallback: number, max: number) =>
  z.preprocess(
    emptyToUndefined,
    z.coerce.number({ error: 'expected a number of seconds' }).int('expected a whole number of seconds').min(0, 'must be at least 0 seconds').max(max, `must be at most ${max} seconds`).default(fallback),
  );
const KEK = /^[A-Za-z0-9_-]{43}=?$/;
const kek = z.preprocess(emptyToUndefined, z.string().regex(KEK, 'expected 32 random bytes, base64url (43 characters)').optional());
const keks = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .transform((list) => list.split(',').map((entry) => entry.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(KEK, 'expected a comma-separated list of 32-byte base64url keys')))
    .optional(),
);
const publicUrl = z.preprocess(emptyToUndefined, z.url({ protocol: /^https?$/, error: 'expected an http(s):// URL' }).optional());

/**
 * Environment of the token service: the shared base (interfaces.md §1) plus token lifetimes and the
 * public URLs discovery points at when the services run apart.
 */
export const tokenEnv = baseEnv.extend({
  /** Lifetime of access tokens (RFC 9068 JWTs), seconds. @defaultValue 600 */
  ACCESS_TOKEN_TTL: seconds(600, 86_400),
  /** Lifetime of ID tokens, seconds. @defaultValue 600 */
  ID_TOKEN_TTL: seconds(600, 86_400),
  /** Lifetime of refresh tokens, seconds. @defaultValue 2592000 (30 days) */
  REFRESH_TOKEN_TTL: seconds(30 * 86_400, 365 * 86_400),
  /**
   * Minimum polling interval announced for poll-mode requests, seconds.
   * @see https://openid.net/specs/openid-client-initiated-backchannel-authentication-core-1_0.html#rfc.section.7.3
   * @defaultValue 5
   */
  CIBA_DEFAULT_INTERVAL: seconds(5, 60),
  /** Public base URL of the auth-endpoint service (`/bc-authorize`). @defaultValue ISSUER */
  AUTH_ENDPOINT_PUBLIC_URL: publicUrl,
  /** Public base URL of the consent dispatcher (`/device/decisions`). @defaultValue ISSUER */
  CONSENT_PUBLIC_URL: publicUrl,
  /** Public base URL of this service (token, jwks, registration, userinfo...). @defaultValue ISSUER */
  TOKEN_PUBLIC_URL: publicUrl,
  /**
   * Key (base64url, 32 bytes) sealing the secrets of `client_secret_jwt` clients (AES-256-GCM): that
   * method needs the secret itself, not its hash. Unset: `client_secret_jwt` is not offered.
   * Generate one with `openssl rand -base64 32 | tr '+/' '-_' | tr -d '='`. @defaultValue unset (off)
   */
  CLIENT_SECRET_ENCRYPTION_KEY: z.preprocess(emptyToUndefined, z.string().optional()),
  /**
   * Whether clients outside the FAPI profile may address client assertions (`aud`) to the token
   * endpoint URL or to the endpoint called, besides the issuer identifier (RFC 7523 §3, OIDC Core §9
   * allowed it; the RFC 7523bis draft requires the issuer only). FAPI clients always need the issuer.
   * @defaultValue true
   */
  CLIENT_ASSERTION_ENDPOINT_AUDIENCES: z.preprocess(emptyToUndefined, z.enum(['true', 'false']).default('true')),
  ...mtlsEnv.shape,
  /**
   * The key-encryption key that wraps the private signing keys at rest (compact JWE, dir + A256GCM):
   * 32 random bytes, base64url (`openssl rand 32 | basenc --base64url`). Required in production;
   * unset elsewhere, private keys are stored in clear. Keys stored in clear are wrapped at the next start.
   * @defaultValue unset (required in production)
   */
  SIGNING_KEY_ENCRYPTION_KEY: kek,
  /**
   * Earlier key-encryption keys, comma-separated, kept while rotating the KEK: keys they wrapped are
   * unwrapped and rewrapped with `SIGNING_KEY_ENCRYPTION_KEY` at start; then remove them.
   * @defaultValue unset
   */
  SIGNING_KEY_ENCRYPTION_KEYS_PREVIOUS: keks,
  /**
   * Seconds between automatic rotations of each algorithm's signing key; 0: only `POST /admin/keys/rotate`.
   * @defaultValue 7776000 (90 days)
   */
  SIGNING_KEY_ROTATION_INTERVAL: wholeSeconds(90 * 86_400, 3650 * 86_400),
  /**
   * Seconds a new key is published in the JWKS before a rotation may make it sign (relying parties
   * cache the JWKS); a rotation asked for sooner is refused unless forced (a compromised key).
   * @defaultValue 3600
   */
  SIGNING_KEY_NEXT_MIN_AGE: wholeSeconds(3600, 30 * 86_400),
  /** Seconds between reloads of the signing keys, so every replica picks up a rotation made by another. @defaultValue 60 */
  SIGNING_KEY_REFRESH_INTERVAL: seconds(60, 3600),
  /**
   * Most CIBA token requests one client may make, over all its auth_req_ids together, in any
   * `TOKEN_POLL_CLIENT_WINDOW_S` (a sliding-window counter shared by every replica through Redis);
   * beyond it polls are answered `slow_down` without a database round trip. The default is what a
   * client keeping to the interval could reach at the default limits: 10 requests/s accepted
   * (`BC_CLIENT_PROMPT_LIMIT` 600 per 60 s), each pending up to 600 s (`CIBA_DEFAULT_EXPIRY`), polled
   * every 5 s (`CIBA_DEFAULT_INTERVAL`): 1200 polls/s. 0 turns it off.
   * @see https://openid.net/specs/openid-client-initiated-backchannel-authentication-core-1_0.html#rfc.section.11
   * @defaultValue 12000
   */
  TOKEN_POLL_CLIENT_LIMIT: wholeNumber('requests', 12_000, 0, 100_000_000),
  /** The window of `TOKEN_POLL_CLIENT_LIMIT`, seconds. @defaultValue 10 */
  TOKEN_POLL_CLIENT_WINDOW_S: wholeNumber('seconds', 10, 1, 3600),
  /**
   * `slow_down` answers one client may get in a `TOKEN_POLL_STRIKE_WINDOW_S` (for any of its requests,
   * or for its rate) before it is put on a penalty: every CIBA token request it makes is answered 429
   * `slow_down` with `Retry-After`, without looking at the request, for `TOKEN_POLL_PENALTY_S`,
   * doubling at each further penalty. 0 turns penalties off.
   * @defaultValue 10
   */
  TOKEN_POLL_STRIKES: wholeNumber('answers', 10, 0, 100_000),
  /** The window of `TOKEN_POLL_STRIKES`, seconds. @defaultValue 60 */
  TOKEN_POLL_STRIKE_WINDOW_S: wholeNumber('seconds', 60, 1, 86_400),
  /** The first penalty, seconds; each further one doubles. @defaultValue 10 */
  TOKEN_POLL_PENALTY_S: wholeNumber('seconds', 10, 1, 86_400),
  /**
   * The longest penalty, seconds; also the good behaviour after which one doubling is forgiven. Keep it
   * well under the request expiry, so a penalised client can still redeem what its users approved.
   * @defaultValue 120
   */
  TOKEN_POLL_PENALTY_MAX_S: wholeNumber('seconds', 120, 1, 86_400),
  /** How long a poll waits for Redis to check the bounds, ms; slower or down lets the poll through. @defaultValue 100 */
  TOKEN_POLL_TIMEOUT_MS: wholeNumber('milliseconds', 100, 10, 10_000),
}).extend(dpopEnv.shape);

export type TokenEnv = z.infer<typeof tokenEnv>;

/** The settled configuration of the token service. */
export interface TokenConfig extends BaseConfig {
  /** PostgreSQL schema owned by this service. */
  schema: string;
  /** Seconds. */
  accessTokenTtl: number;
  /** Seconds. */
  idTokenTtl: number;
  /** Seconds. */
  refreshTokenTtl: number;
  /** Seconds; CIBA Core §7.3 `interval`. */
  defaultInterval: number;
  /** Base URLs (no trailing slash) of the services whose endpoints discovery advertises. */
  publicUrls: { authEndpoint: string; token: string; consent: string };
  /** mTLS behind the ingress (`MTLS_*`); undefined: off. */
  mtls?: MtlsConfig;
  /** `CLIENT_SECRET_ENCRYPTION_KEY`; undefined: `client_secret_jwt` is off. */
  clientSecretKey?: Buffer;
  /** `CLIENT_ASSERTION_ENDPOINT_AUDIENCES`. */
  endpointAudiences: boolean;
  /** The signing keys' key-encryption keys (raw bytes), and how the keys age. */
  signingKeys: KeyLifecycle & { encryptionKey: Uint8Array | null; previousEncryptionKeys: Uint8Array[]; refreshIntervalS: number };
  /** DPoP (RFC 9449) proofs: nonces and the `iat` window. */
  dpop: DpopConfig;
  /** Per-client bounds on CIBA polling (`TOKEN_POLL_*`). */
  pollBounds: PollBoundsConfig;
}

/** Per-client bounds on CIBA polling; `clientLimit` 0 and `strikes` 0 are off. */
export interface PollBoundsConfig {
  clientLimit: number;
  /** Seconds. */
  clientWindowS: number;
  strikes: number;
  /** Seconds. */
  strikeWindowS: number;
  /** Seconds. */
  penaltyS: number;
  /** Seconds. */
  penaltyMaxS: number;
  /** Milliseconds. */
  timeoutMs: number;
}

const trim = (url: string) => url.replace(/\/+$/, '');

/** Parses and settles the token service's environment; a bad value throws a one-line `ConfigError`. */
export function loadTokenConfig(env: NodeJS.ProcessEnv = process.env): TokenConfig {
  const parsed = loadConfig(tokenEnv, env);
  const base = settleBaseConfig(parsed);
  const mtls = settleMtlsConfig(parsed);
  if (base.production && !parsed.SIGNING_KEY_ENCRYPTION_KEY) {
    throw new ConfigError('invalid configuration: SIGNING_KEY_ENCRYPTION_KEY: required when NODE_ENV=production (private signing keys are encrypted at rest)');
  }
  const bytes = (key: string) => new Uint8Array(Buffer.from(key, 'base64url'));
  return {
    ...base,
    schema: 'token',
    accessTokenTtl: parsed.ACCESS_TOKEN_TTL,
    idTokenTtl: parsed.ID_TOKEN_TTL,
    refreshTokenTtl: parsed.REFRESH_TOKEN_TTL,
    defaultInterval: parsed.CIBA_DEFAULT_INTERVAL,
    publicUrls: {
      authEndpoint: trim(parsed.AUTH_ENDPOINT_PUBLIC_URL ?? base.issuer),
      token: trim(parsed.TOKEN_PUBLIC_URL ?? base.issuer),
      consent: trim(parsed.CONSENT_PUBLIC_URL ?? base.issuer),
    },
    ...(mtls ? { mtls } : {}),
    ...(parsed.CLIENT_SECRET_ENCRYPTION_KEY ? { clientSecretKey: settleClientSecretKey(parsed.CLIENT_SECRET_ENCRYPTION_KEY) } : {}),
    endpointAudiences: parsed.CLIENT_ASSERTION_ENDPOINT_AUDIENCES === 'true',
    signingKeys: {
      encryptionKey: parsed.SIGNING_KEY_ENCRYPTION_KEY ? bytes(parsed.SIGNING_KEY_ENCRYPTION_KEY) : null,
      previousEncryptionKeys: (parsed.SIGNING_KEY_ENCRYPTION_KEYS_PREVIOUS ?? []).map(bytes),
      // A retired key verifies every token it signed: the longest token lifetime, plus clock skew.
      retentionS: Math.max(parsed.ACCESS_TOKEN_TTL, parsed.ID_TOKEN_TTL) + 300,
      rotationIntervalS: parsed.SIGNING_KEY_ROTATION_INTERVAL,
      nextMinAgeS: parsed.SIGNING_KEY_NEXT_MIN_AGE,
      refreshIntervalS: parsed.SIGNING_KEY_REFRESH_INTERVAL,
    },
    dpop: settleDpopConfig(parsed, base),
    pollBounds: {
      clientLimit: parsed.TOKEN_POLL_CLIENT_LIMIT,
      clientWindowS: parsed.TOKEN_POLL_CLIENT_WINDOW_S,
      strikes: parsed.TOKEN_POLL_STRIKES,
      strikeWindowS: parsed.TOKEN_POLL_STRIKE_WINDOW_S,
      penaltyS: parsed.TOKEN_POLL_PENALTY_S,
      penaltyMaxS: Math.max(parsed.TOKEN_POLL_PENALTY_S, parsed.TOKEN_POLL_PENALTY_MAX_S),
      timeoutMs: parsed.TOKEN_POLL_TIMEOUT_MS,
    },
  };
}
