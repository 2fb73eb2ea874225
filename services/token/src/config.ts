import { z } from 'zod';
import { baseEnv, emptyToUndefined, loadConfig, settleBaseConfig, type BaseConfig } from '@ciba/service-kit';

/** The `OTEL_*` tracing variables, read by the composition root (`startTracing`). */
export { tracingEnv } from '@ciba/service-kit';

const seconds = (fallback: number, max: number) =>
  z.preprocess(
    emptyToUndefined,
    z.coerce.number({ error: 'expected a number of seconds' }).int('expected a whole number of seconds').min(1, 'must be at least 1 second').max(max, `must be at most ${max} seconds`).default(fallback),
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
});

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
}

const trim = (url: string) => url.replace(/\/+$/, '');

/** Parses and settles the token service's environment; a bad value throws a one-line `ConfigError`. */
export function loadTokenConfig(env: NodeJS.ProcessEnv = process.env): TokenConfig {
  const parsed = loadConfig(tokenEnv, env);
  const base = settleBaseConfig(parsed);
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
  };
}
