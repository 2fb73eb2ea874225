import { z } from 'zod';
import { baseEnv, checkOutboundUrl, ConfigError, emptyToUndefined, wholeNumber, optionalWholeNumber, loadConfig, settleBaseConfig, type BaseConfig } from '@ciba/service-kit';
import type { TrustedHintIssuer } from './hint-issuers/trusted-hint-issuer.ts';
import { trustedHintIssuersEnv } from './hint-issuers/trusted-hint-issuers-env.ts';

/** The `OTEL_*` tracing variables, read by the composition root (`startTracing`). */
export { tracingEnv } from '@ciba/service-kit';


/**
 * Environment of the auth-endpoint service: the shared base (interfaces.md §1) plus the limits of
 * the backchannel authentication endpoint.
 * @see https://openid.net/specs/openid-client-initiated-backchannel-authentication-core-1_0.html#rfc.section.7
 */
export const authEndpointEnv = baseEnv.extend({
  /**
   * `expires_in` of a request that carries no `requested_expiry`, seconds.
   * @see https://openid.net/specs/openid-client-initiated-backchannel-authentication-core-1_0.html#rfc.section.7.3
   * @defaultValue 600
   */
  CIBA_DEFAULT_EXPIRY: wholeNumber('seconds', 600, 1, 86_400),
  /** Largest `requested_expiry` accepted, seconds; above it answers `invalid_request`. @defaultValue 3600 */
  CIBA_MAX_EXPIRY: wholeNumber('seconds', 3600, 1, 86_400),
  /** Smallest `requested_expiry` accepted, seconds; below it answers `invalid_request`. @defaultValue 10 */
  CIBA_MIN_EXPIRY: wholeNumber('seconds', 10, 1, 86_400),
  /**
   * Minimum polling interval announced in poll and ping modes (`interval`), seconds.
   * @see https://openid.net/specs/openid-client-initiated-backchannel-authentication-core-1_0.html#rfc.section.7.3
   * @defaultValue 5
   */
  CIBA_DEFAULT_INTERVAL: wholeNumber('seconds', 5, 1, 60),
  /**
   * Longest `binding_message` accepted, in characters; longer answers `invalid_binding_message`.
   * At most 100, so the message fits the `ciba.auth_request.created.v1` contract.
   * @see https://openid.net/specs/openid-client-initiated-backchannel-authentication-core-1_0.html#rfc.section.7.1
   * @defaultValue 64
   */
  BINDING_MESSAGE_MAX_LENGTH: wholeNumber('characters', 64, 1, 100),
  /** Public base URL of this service; `${it}/bc-authorize` is an accepted JWT audience. @defaultValue ISSUER */
  AUTH_ENDPOINT_PUBLIC_URL: z.preprocess(emptyToUndefined, z.url({ protocol: /^https?$/, error: 'expected an http(s):// URL' }).optional()),
  /**
   * Prompt-bombing protection: most requests accepted for one user (from every client together) in
   * any `BC_USER_PROMPT_WINDOW_S` (a sliding window); beyond it `/bc-authorize` answers 403
   * `access_denied` with `Retry-After`. 0 turns the limit off. Shared by every replica through Redis.
   * Off unless set outside production: development and conformance runs prompt one test user often.
   * @see https://openid.net/specs/openid-client-initiated-backchannel-authentication-core-1_0.html#rfc.section.13
   * @defaultValue 5 in production, else 0 (off)
   */
  BC_USER_PROMPT_LIMIT: optionalWholeNumber('requests', 0, 1000),
  /** The window of `BC_USER_PROMPT_LIMIT`, seconds. @defaultValue 600 */
  BC_USER_PROMPT_WINDOW_S: wholeNumber('seconds', 600, 1, 86_400),
  /**
   * Most requests accepted from one client (for every user together) in any `BC_CLIENT_PROMPT_WINDOW_S`
   * (a sliding-window counter: this window and the previous one, weighted); beyond it 403
   * `access_denied` with `Retry-After`. Bounds what one compromised client can send. 0 turns it off.
   * @defaultValue 600
   */
  BC_CLIENT_PROMPT_LIMIT: wholeNumber('requests', 600, 0, 1_000_000),
  /** The window of `BC_CLIENT_PROMPT_LIMIT`, seconds. @defaultValue 60 */
  BC_CLIENT_PROMPT_WINDOW_S: wholeNumber('seconds', 60, 1, 86_400),
  /**
   * A user with an undecided request from a client gets no second prompt from that client for this
   * long after the first (nor after the request expires or is decided, whichever comes first): 403
   * `access_denied` with `Retry-After`. 0 turns it off. Off unless set outside production, like
   * `BC_USER_PROMPT_LIMIT`.
   * @defaultValue 60 in production, else 0 (off)
   */
  BC_DUPLICATE_PROMPT_WINDOW_S: optionalWholeNumber('seconds', 0, 86_400),
  /**
   * How long `/bc-authorize` waits for Redis to check the limits, milliseconds; a Redis that is down
   * or slower answers 503 `temporarily_unavailable` (the limits fail closed).
   * @defaultValue 250
   */
  BC_LIMITS_TIMEOUT_MS: wholeNumber('milliseconds', 250, 10, 10_000),
  /**
   * Identity services besides the client whose `login_hint_token`s are accepted: a JSON array of
   * `{"issuer": "<iss>", "jwks_uri": "<url>" | "jwks": {"keys": [...]}, "algorithms": ["PS256", "ES256"],
   * "client_ids": ["<client allowed to present them>", ...]}` (`algorithms` defaults to PS256 and ES256,
   * `client_ids` to every client). Their tokens must carry `iss`, `aud` (this issuer), `exp` and `iat`.
   * Unset: only tokens the client itself signed with its registered keys.
   * @see https://openid.net/specs/openid-client-initiated-backchannel-authentication-core-1_0.html#rfc.section.7.1
   * @defaultValue [] (none)
   */
  LOGIN_HINT_TOKEN_ISSUERS: trustedHintIssuersEnv,
  /**
   * How long after its `exp` an `id_token_hint` is still accepted, seconds. An ID Token previously
   * issued to the client identifies the user after it expired (OpenID Connect Core §3.1.2.1 lets the
   * server accept it), but not forever: older hints answer `invalid_request`. 0 accepts only unexpired ones.
   * @defaultValue 2592000 (30 days)
   */
  ID_TOKEN_HINT_MAX_AGE: wholeNumber('seconds', 2_592_000, 0, 31_536_000),
});

export type AuthEndpointEnv = z.infer<typeof authEndpointEnv>;

/** The settled configuration of the auth-endpoint service. */
export interface AuthEndpointConfig extends BaseConfig {
  /** PostgreSQL schema owned by this service. */
  schema: string;
  /** Base URL (no trailing slash) where `/bc-authorize` is served. */
  publicUrl: string;
  /** Seconds. */
  defaultExpiry: number;
  /** Seconds. */
  minExpiry: number;
  /** Seconds. */
  maxExpiry: number;
  /** Seconds; CIBA Core §7.3 `interval`. */
  defaultInterval: number;
  /** Characters. */
  bindingMessageMaxLength: number;
  /** Prompt-bombing protection (`BC_*`). */
  promptLimits: PromptLimitsConfig;
  /** Issuers besides the client whose `login_hint_token`s are accepted. */
  hintIssuers: TrustedHintIssuer[];
  /** Seconds after `exp` an `id_token_hint` is still accepted. */
  idTokenHintMaxAge: number;
}

/** Limits on prompts (accepted requests); a limit or window of 0 is off. */
export interface PromptLimitsConfig {
  perUser: { limit: number; windowS: number };
  perClient: { limit: number; windowS: number };
  /** Seconds. */
  duplicateWindowS: number;
  /** Milliseconds. */
  timeoutMs: number;
}

/** Parses and settles the auth-endpoint environment; a bad value throws a one-line `ConfigError`. */
export function loadAuthEndpointConfig(env: NodeJS.ProcessEnv = process.env): AuthEndpointConfig {
  const parsed = loadConfig(authEndpointEnv, env);
  const base = settleBaseConfig(parsed);
  if (parsed.CIBA_MIN_EXPIRY > parsed.CIBA_MAX_EXPIRY) {
    throw new ConfigError('invalid configuration: CIBA_MIN_EXPIRY: must not exceed CIBA_MAX_EXPIRY');
  }
  if (parsed.CIBA_DEFAULT_EXPIRY < parsed.CIBA_MIN_EXPIRY || parsed.CIBA_DEFAULT_EXPIRY > parsed.CIBA_MAX_EXPIRY) {
    throw new ConfigError('invalid configuration: CIBA_DEFAULT_EXPIRY: must lie between CIBA_MIN_EXPIRY and CIBA_MAX_EXPIRY');
  }
  for (const { issuer, jwks_uri: jwksUri } of parsed.LOGIN_HINT_TOKEN_ISSUERS) {
    if (jwksUri === undefined) continue;
    try {
      checkOutboundUrl(jwksUri, base.production);
    } catch (err) {
      throw new ConfigError(`invalid configuration: LOGIN_HINT_TOKEN_ISSUERS: jwks_uri of ${issuer}: ${(err as Error).message}`);
    }
  }
  return {
    ...base,
    schema: 'auth_endpoint',
    publicUrl: (parsed.AUTH_ENDPOINT_PUBLIC_URL ?? base.issuer).replace(/\/+$/, ''),
    defaultExpiry: parsed.CIBA_DEFAULT_EXPIRY,
    minExpiry: parsed.CIBA_MIN_EXPIRY,
    maxExpiry: parsed.CIBA_MAX_EXPIRY,
    defaultInterval: parsed.CIBA_DEFAULT_INTERVAL,
    bindingMessageMaxLength: parsed.BINDING_MESSAGE_MAX_LENGTH,
    promptLimits: {
      perUser: { limit: parsed.BC_USER_PROMPT_LIMIT ?? (base.production ? 5 : 0), windowS: parsed.BC_USER_PROMPT_WINDOW_S },
      perClient: { limit: parsed.BC_CLIENT_PROMPT_LIMIT, windowS: parsed.BC_CLIENT_PROMPT_WINDOW_S },
      duplicateWindowS: parsed.BC_DUPLICATE_PROMPT_WINDOW_S ?? (base.production ? 60 : 0),
      timeoutMs: parsed.BC_LIMITS_TIMEOUT_MS,
    },
    hintIssuers: parsed.LOGIN_HINT_TOKEN_ISSUERS,
    idTokenHintMaxAge: parsed.ID_TOKEN_HINT_MAX_AGE,
  };
}
