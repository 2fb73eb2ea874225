import { z } from 'zod';
import { baseEnv, checkOutboundUrl, ConfigError, emptyToUndefined, wholeNumber, optionalWholeNumber, loadConfig, mtlsEnv, settleBaseConfig, settleMtlsConfig, type BaseConfig, type MtlsConfig } from '@ciba/service-kit';
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
  ...mtlsEnv.shape,
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
  /**
   * Load shedding: the longest a newly accepted request may wait before the consent dispatcher takes
   * it up (its estimated wait: the prompt pipeline's backlog, this service's unpublished outbox rows
   * plus the dispatcher's consumer lag on `ciba.auth-requests`, over its measured drain rate; or the
   * age of the oldest unpublished outbox row). Beyond it, or beyond half the request's own expiry,
   * `/bc-authorize` answers 503 `temporarily_unavailable` with `Retry-After`. 0 turns shedding off.
   * @defaultValue a tenth of CIBA_DEFAULT_EXPIRY (60)
   */
  BC_SHED_MAX_WAIT_S: optionalWholeNumber('seconds', 0, 86_400),
  /**
   * Backlog (requests not yet taken up by the dispatcher) at or below which nothing is shed, whatever
   * the drain rate says: requests in flight and a dispatcher warming up are not an overload.
   * @defaultValue 100
   */
  BC_SHED_MIN_BACKLOG: wholeNumber('requests', 100, 0, 10_000_000),
  /** How often each process samples the backlog (one sampler per process, its result shared by every request), ms. @defaultValue 250 */
  BC_SHED_SAMPLE_MS: wholeNumber('milliseconds', 250, 50, 10_000),
  /**
   * The dispatcher's consumer group on `ciba.auth-requests`, whose lag counts in the backlog; must be
   * the consent dispatcher's (`consent-dispatcher.prompts`).
   * @defaultValue consent-dispatcher.prompts
   */
  BC_SHED_CONSUMER_GROUP: z.preprocess(emptyToUndefined, z.string().min(1).max(200).default('consent-dispatcher.prompts')),
  /**
   * Wrong `user_code`s accepted for one user (from every client together) before further attempts
   * are refused without checking the code, for `BC_USER_CODE_LOCKOUT_S`, doubling at each further
   * lockout. A right code resets the count. 0 turns the limit off. Shared by every replica through
   * Redis; when Redis cannot answer, requests carrying a `user_code` are refused (503). Off unless set
   * outside production, like `BC_USER_PROMPT_LIMIT`.
   * @see https://openid.net/specs/openid-client-initiated-backchannel-authentication-core-1_0.html#rfc.section.7.1
   * @defaultValue 5 in production, else 0 (off)
   */
  BC_USER_CODE_MAX_ATTEMPTS: optionalWholeNumber('attempts', 0, 1000),
  /** The first lockout after `BC_USER_CODE_MAX_ATTEMPTS` wrong codes, seconds; each further one doubles it. @defaultValue 60 */
  BC_USER_CODE_LOCKOUT_S: wholeNumber('seconds', 60, 1, 86_400),
  /** The longest lockout, seconds. @defaultValue 3600 */
  BC_USER_CODE_LOCKOUT_MAX_S: wholeNumber('seconds', 3600, 1, 604_800),
  /**
   * How long wrong codes and lockouts are remembered without a new wrong code, seconds: after this
   * quiet time a user starts again from a clean count and the first lockout length.
   * @defaultValue 86400
   */
  BC_USER_CODE_MEMORY_S: wholeNumber('seconds', 86_400, 60, 2_592_000),
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
  /** mTLS behind the ingress (`MTLS_*`): where the client certificate comes from; undefined: off. */
  mtls?: MtlsConfig;
  /** Issuers besides the client whose `login_hint_token`s are accepted. */
  hintIssuers: TrustedHintIssuer[];
  /** Seconds after `exp` an `id_token_hint` is still accepted. */
  idTokenHintMaxAge: number;
  /** Load shedding (`BC_SHED_*`). */
  shedding: SheddingConfig;
  /** `user_code` attempt limits (`BC_USER_CODE_*`). */
  userCodeAttempts: UserCodeAttemptsConfig;
}

/** Load shedding at `/bc-authorize`; `maxWaitS` 0 is off. */
export interface SheddingConfig {
  /** Seconds. */
  maxWaitS: number;
  /** Requests. */
  minBacklog: number;
  /** Milliseconds. */
  sampleMs: number;
  /** The dispatcher's consumer group on `ciba.auth-requests`. */
  consumerGroup: string;
}

/** Wrong `user_code` attempts per user; `maxAttempts` 0 is off. */
export interface UserCodeAttemptsConfig {
  maxAttempts: number;
  /** Seconds. */
  lockoutS: number;
  /** Seconds. */
  lockoutMaxS: number;
  /** Seconds. */
  memoryS: number;
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
  const mtls = settleMtlsConfig(parsed);
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
    ...(mtls ? { mtls } : {}),
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
    shedding: {
      maxWaitS: parsed.BC_SHED_MAX_WAIT_S ?? Math.max(1, Math.floor(parsed.CIBA_DEFAULT_EXPIRY / 10)),
      minBacklog: parsed.BC_SHED_MIN_BACKLOG,
      sampleMs: parsed.BC_SHED_SAMPLE_MS,
      consumerGroup: parsed.BC_SHED_CONSUMER_GROUP,
    },
    userCodeAttempts: {
      maxAttempts: parsed.BC_USER_CODE_MAX_ATTEMPTS ?? (base.production ? 5 : 0),
      lockoutS: parsed.BC_USER_CODE_LOCKOUT_S,
      lockoutMaxS: Math.max(parsed.BC_USER_CODE_LOCKOUT_S, parsed.BC_USER_CODE_LOCKOUT_MAX_S),
      memoryS: parsed.BC_USER_CODE_MEMORY_S,
    },
  };
}
