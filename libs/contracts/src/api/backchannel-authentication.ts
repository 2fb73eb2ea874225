import { z } from 'zod';

/**
 * The backchannel authentication endpoint (`POST /bc-authorize`) of CIBA Core 1.0: its request
 * parameters, the claims of a signed request and of a `login_hint_token`, and the success body.
 * These schemas fix shapes and types only; the endpoint answers each semantic failure with its own
 * error code (CIBA Core §13), so most rules are documented here and enforced by the endpoint.
 *
 * @see https://openid.net/specs/openid-client-initiated-backchannel-authentication-core-1_0.html#rfc.section.7
 */

/** The path of the endpoint, relative to its service's public URL. */
export const BACKCHANNEL_AUTHENTICATION_PATH = '/bc-authorize' as const;

/**
 * The names of the authentication request parameters (CIBA Core §7.1). When a signed request
 * (`request`) is sent, none of them may appear outside it (§7.1.1).
 * @see https://openid.net/specs/openid-client-initiated-backchannel-authentication-core-1_0.html#rfc.section.7.1
 */
export const AUTHENTICATION_REQUEST_PARAMETERS = [
  'scope',
  'client_notification_token',
  'acr_values',
  'login_hint_token',
  'id_token_hint',
  'login_hint',
  'binding_message',
  'user_code',
  'requested_expiry',
] as const;
export type AuthenticationRequestParameter = (typeof AUTHENTICATION_REQUEST_PARAMETERS)[number];

/** The hint parameters: exactly one of them identifies the end-user (CIBA Core §7.1). */
export const USER_HINT_PARAMETERS = ['login_hint_token', 'id_token_hint', 'login_hint'] as const;
export type UserHintParameter = (typeof USER_HINT_PARAMETERS)[number];

/**
 * The authentication request parameters (CIBA Core §7.1), as strings the way a form carries them.
 * @see https://openid.net/specs/openid-client-initiated-backchannel-authentication-core-1_0.html#rfc.section.7.1
 */
export const authenticationRequestParameters = z.object({
  /** REQUIRED. Space-separated scope values; MUST contain `openid`. */
  scope: z.string().optional(),
  /**
   * REQUIRED for the ping and push modes: a bearer token (RFC 6750 §2.1 syntax, at most 1024
   * characters) the server presents when it calls the client back. Ignored in poll mode.
   * @see https://openid.net/specs/openid-client-initiated-backchannel-authentication-core-1_0.html#rfc.section.10.2
   */
  client_notification_token: z.string().optional(),
  /** OPTIONAL. Requested Authentication Context Class Reference values, in order of preference. */
  acr_values: z.string().optional(),
  /**
   * A token identifying the end-user (one of the three hints). Here: a JWT signed by the client with
   * a key it registered, whose claims are {@link loginHintTokenClaims}.
   */
  login_hint_token: z.string().optional(),
  /** An ID Token this server issued to the client earlier, identifying the end-user; expiry is tolerated. */
  id_token_hint: z.string().optional(),
  /** A value identifying the end-user, e.g. an email address or phone number registered for the user. */
  login_hint: z.string().optional(),
  /**
   * OPTIONAL. A short human-readable message shown on both the consumption and the authentication
   * device; printable characters only (letters, marks, numbers, punctuation, symbols and spaces).
   * Failing that answers `invalid_binding_message`.
   */
  binding_message: z.string().optional(),
  /**
   * OPTIONAL. A secret code known only to the user, checked when the client registered
   * `backchannel_user_code_parameter` and the user has one (`missing_user_code`, `invalid_user_code`).
   */
  user_code: z.string().optional(),
  /**
   * OPTIONAL. A positive integer number of seconds the client asks `expires_in` to be; a decimal
   * string in a form, a number or a string in a signed request.
   */
  requested_expiry: z.union([z.string(), z.number()]).optional(),
});
export type AuthenticationRequestParameters = z.infer<typeof authenticationRequestParameters>;

/** `aud`: a string or an array of strings (RFC 7519 §4.1.3). */
const audience = z.union([z.string(), z.array(z.string())]);

/**
 * The claims of a signed authentication request (CIBA Core §7.1.1): the authentication request
 * parameters plus `iss` (the client_id), `aud` (the issuer identifier, or the endpoint's URL),
 * `exp`, `iat`, `nbf` and `jti`, all REQUIRED. Signed with the client's registered
 * `backchannel_authentication_request_signing_alg` (otherwise PS256, ES256 or RS256); a `jti` is
 * accepted once. A client that registered that algorithm MUST send its requests signed.
 * @see https://openid.net/specs/openid-client-initiated-backchannel-authentication-core-1_0.html#rfc.section.7.1.1
 */
export const signedAuthenticationRequestClaims = authenticationRequestParameters.extend({
  iss: z.string(),
  aud: audience,
  exp: z.number(),
  iat: z.number(),
  nbf: z.number(),
  jti: z.string().min(1).max(256),
});
export type SignedAuthenticationRequestClaims = z.infer<typeof signedAuthenticationRequestClaims>;

/**
 * An RFC 9493 subject identifier naming the end-user in a `login_hint_token`. `email`,
 * `phone_number` and `opaque` are looked up like a `login_hint`; `iss_sub` names a `sub` this
 * server issued (`iss` must be its issuer identifier).
 * @see https://www.rfc-editor.org/rfc/rfc9493.html#section-3
 */
export const subjectIdentifier = z.discriminatedUnion('format', [
  z.object({ format: z.literal('email'), email: z.string().min(1).max(320) }),
  z.object({ format: z.literal('phone_number'), phone_number: z.string().min(1).max(64) }),
  z.object({ format: z.literal('opaque'), id: z.string().min(1).max(255) }),
  z.object({ format: z.literal('iss_sub'), iss: z.string().min(1).max(2048), sub: z.string().min(1).max(255) }),
]);
export type SubjectIdentifier = z.infer<typeof subjectIdentifier>;

/**
 * The claims of a `login_hint_token` (CIBA Core §7.1 leaves its format to the deployment). Here it
 * is a JWT signed by the client with a key it registered: `sub_id` REQUIRED; `exp` OPTIONAL (past
 * it the token answers `expired_login_hint_token`); `nbf` OPTIONAL; `iss`, when present, MUST be the
 * client_id; `aud`, when present, MUST contain the issuer identifier or the endpoint's URL.
 * @see https://openid.net/specs/openid-client-initiated-backchannel-authentication-core-1_0.html#rfc.section.7.1
 */
export const loginHintTokenClaims = z.object({
  sub_id: subjectIdentifier,
  iss: z.string().optional(),
  aud: audience.optional(),
  exp: z.number().optional(),
  nbf: z.number().optional(),
  iat: z.number().optional(),
});
export type LoginHintTokenClaims = z.infer<typeof loginHintTokenClaims>;

/**
 * The successful acknowledgement (CIBA Core §7.3), sent with `Cache-Control: no-store`.
 * @see https://openid.net/specs/openid-client-initiated-backchannel-authentication-core-1_0.html#rfc.section.7.3
 */
export const backchannelAuthenticationResponse = z.object({
  /** The request's identifier for the token endpoint: at least 160 bits of entropy, base64url. */
  auth_req_id: z.string().regex(/^[A-Za-z0-9_-]{27,}$/),
  /** Seconds until `auth_req_id` expires. */
  expires_in: z.number().int().positive(),
  /** Minimum seconds between token requests; sent in poll and ping modes, omitted in push mode. */
  interval: z.number().int().positive().optional(),
});
export type BackchannelAuthenticationResponse = z.infer<typeof backchannelAuthenticationResponse>;

/**
 * The error codes of the endpoint and their HTTP statuses (CIBA Core §13).
 * @see https://openid.net/specs/openid-client-initiated-backchannel-authentication-core-1_0.html#rfc.section.13
 */
export const BACKCHANNEL_AUTHENTICATION_ERRORS = {
  invalid_request: 400,
  invalid_scope: 400,
  expired_login_hint_token: 400,
  unknown_user_id: 400,
  unauthorized_client: 400,
  missing_user_code: 400,
  invalid_user_code: 400,
  invalid_binding_message: 400,
  invalid_client: 401,
  access_denied: 403,
} as const;
export type BackchannelAuthenticationError = keyof typeof BACKCHANNEL_AUTHENTICATION_ERRORS;
