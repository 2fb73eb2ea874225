import { z } from 'zod';
import { USER_HINT_PARAMETERS } from './backchannel-authentication.ts';
import { channelType, deliveryMode } from './common.ts';

/**
 * Dynamic client registration (`POST /register`): RFC 7591 with the CIBA registration metadata.
 * The request is JSON and carries `Authorization: Bearer <ADMIN_TOKEN>` as the initial access token
 * (RFC 7591 §3; a missing or wrong one answers 401 `invalid_token`). These schemas fix the JSON types;
 * the consistency rules (ping/push need a notification endpoint, `private_key_jwt` needs keys, URL
 * rules) are the endpoint's and answer 400 `invalid_client_metadata` (RFC 7591 §3.2.2).
 *
 * @see https://www.rfc-editor.org/rfc/rfc7591#section-2
 * @see https://openid.net/specs/openid-client-initiated-backchannel-authentication-core-1_0.html#rfc.section.4
 */

/** The path of the endpoint, relative to the token service's public URL. */
export const REGISTRATION_PATH = '/register' as const;

/**
 * Client authentication methods at the token, backchannel authentication, introspection and
 * revocation endpoints: RFC 7591 §2 / OIDC Core §9 (`client_secret_basic`, `client_secret_post`,
 * `client_secret_jwt`, `private_key_jwt`) and RFC 8705 §2 (`tls_client_auth`,
 * `self_signed_tls_client_auth`). `client_secret_jwt` needs `CLIENT_SECRET_ENCRYPTION_KEY`, the
 * mTLS methods `MTLS_CLIENT_CERT_HEADER`; discovery lists what the deployment offers.
 * @see https://www.rfc-editor.org/rfc/rfc8705#section-2
 */
export const tokenEndpointAuthMethod = z.enum([
  'client_secret_basic',
  'client_secret_post',
  'client_secret_jwt',
  'private_key_jwt',
  'tls_client_auth',
  'self_signed_tls_client_auth',
]);
export type TokenEndpointAuthMethod = z.infer<typeof tokenEndpointAuthMethod>;

/** HMAC algorithms of `client_secret_jwt` assertions (OIDC Core §9), keyed with the client secret. */
export const clientSecretJwtAlg = z.enum(['HS256', 'HS384', 'HS512']);

/**
 * `security_profile`: a per-client profile that tightens what the client may do. `fapi-ciba` is the
 * OpenID FAPI CIBA profile (on FAPI 1.0 Advanced): signed requests with PS256/ES256, poll or ping,
 * `private_key_jwt` or mTLS client authentication, sender-constrained access tokens.
 * @see https://openid.net/specs/openid-financial-api-ciba-ID1.html
 */
export const securityProfile = z.enum(['fapi-ciba']);
export type SecurityProfile = z.infer<typeof securityProfile>;

/** The `tls_client_auth` metadata (RFC 8705 §2.1.2): exactly one names the expected certificate subject. */
export const TLS_CLIENT_AUTH_SUBJECT_FIELDS = [
  'tls_client_auth_subject_dn',
  'tls_client_auth_san_dns',
  'tls_client_auth_san_uri',
  'tls_client_auth_san_ip',
  'tls_client_auth_san_email',
] as const;

/** JWS algorithms of ID tokens and of client assertions (`private_key_jwt`). */
export const jwsSigningAlg = z.enum(['RS256', 'PS256', 'ES256']);
export type JwsSigningAlg = z.infer<typeof jwsSigningAlg>;

/**
 * JWS algorithms of signed authentication requests (CIBA Core §7.1.1: not `none`, not symmetric).
 * @see https://openid.net/specs/openid-client-initiated-backchannel-authentication-core-1_0.html#rfc.section.7.1.1
 */
export const requestSigningAlg = z.enum(['PS256', 'ES256', 'RS256']);

/** A JSON Web Key Set (RFC 7517 §5); each key is checked further when registered. */
export const jwkSet = z.object({ keys: z.array(z.record(z.string(), z.unknown())).min(1).max(20) });

/**
 * The metadata a client may register. Unknown members are ignored (RFC 7591 §2).
 */
export const clientRegistrationRequest = z.object({
  /** Human-readable name, shown to the end-user on the authentication device. */
  client_name: z.string().min(1).max(200).optional(),
  /** @defaultValue `client_secret_basic` */
  token_endpoint_auth_method: tokenEndpointAuthMethod.optional(),
  /**
   * `private_key_jwt` (RS256, PS256, ES256) or `client_secret_jwt` (HS256, HS384, HS512) only: the
   * one `alg` the client signs its assertions with.
   */
  token_endpoint_auth_signing_alg: z.union([jwsSigningAlg, clientSecretJwtAlg]).optional(),
  /** RFC 8705 §2.1.2, `tls_client_auth`: the certificate's subject DN (RFC 4514 string, e.g. `CN=rp,O=Bank,C=GB`). */
  tls_client_auth_subject_dn: z.string().min(1).max(1024).optional(),
  /** RFC 8705 §2.1.2: a `dNSName` SAN entry the certificate must carry. */
  tls_client_auth_san_dns: z.string().min(1).max(253).optional(),
  /** RFC 8705 §2.1.2: a `uniformResourceIdentifier` SAN entry the certificate must carry. */
  tls_client_auth_san_uri: z.string().min(1).max(2048).optional(),
  /** RFC 8705 §2.1.2: an `iPAddress` SAN entry (IPv4 or IPv6 text) the certificate must carry. */
  tls_client_auth_san_ip: z.string().min(1).max(45).optional(),
  /** RFC 8705 §2.1.2: an `rfc822Name` SAN entry the certificate must carry. */
  tls_client_auth_san_email: z.string().min(1).max(320).optional(),
  /**
   * RFC 8705 §3.4: the client wants certificate-bound access tokens (`cnf.x5t#S256`), issued when its
   * token request comes with a client certificate. @defaultValue false
   */
  tls_client_certificate_bound_access_tokens: z.boolean().optional(),
  /** A per-client security profile (see {@link securityProfile}); absent: none. */
  security_profile: securityProfile.optional(),
  /** The client's public keys by value; exclusive with `jwks_uri` (RFC 7591 §2). */
  jwks: jwkSet.optional(),
  /** The client's public keys by reference; https in production. */
  jwks_uri: z.string().max(2048).optional(),
  /**
   * Stored as given. This server serves only `urn:openid:params:grant-type:ciba` and `refresh_token`.
   * @defaultValue `["urn:openid:params:grant-type:ciba", "refresh_token"]`
   */
  grant_types: z.array(z.string().min(1).max(200)).max(20).optional(),
  /** Space-separated scopes the client may request; absent means any supported scope. */
  scope: z.string().max(2000).optional(),
  /**
   * CIBA Core §4: `poll`, `ping` or `push`.
   * @defaultValue `poll` for a client with the CIBA grant
   */
  backchannel_token_delivery_mode: z.string().optional(),
  /** CIBA Core §4: REQUIRED for `ping` and `push`; https (and not a private address) in production. */
  backchannel_client_notification_endpoint: z.string().max(2048).optional(),
  /** CIBA Core §4: the `alg` of signed authentication requests; requires registered keys. */
  backchannel_authentication_request_signing_alg: requestSigningAlg.optional(),
  /** CIBA Core §4: whether the client sends `user_code`. @defaultValue false */
  backchannel_user_code_parameter: z.boolean().optional(),
  /** OpenID Connect Registration §2. @defaultValue `RS256` */
  id_token_signed_response_alg: jwsSigningAlg.optional(),
  /**
   * The user channel types (`webhook`, `email`, `sms`, `push`, `plugin`) the consent prompts of this
   * client may go through, e.g. a bank allowing `push` only; absent: every type. An unknown type
   * answers 400 `invalid_client_metadata`.
   */
  consent_channel_types: z.array(channelType).min(1).max(5).optional(),
  /**
   * Which of the hints of CIBA Core §7.1 (`login_hint`, `login_hint_token`, `id_token_hint`) this
   * client may identify users with, e.g. `["login_hint_token"]` for a terminal that must present a
   * token vouched for by the bank's identity service; absent: every kind. A request with another kind
   * answers 400 `unauthorized_client`.
   */
  backchannel_user_hint_types: z.array(z.enum(USER_HINT_PARAMETERS)).min(1).max(3).optional(),
  /**
   * RFC 9449 §5.2: the client always uses DPoP at the token endpoint; a token request without a
   * `DPoP` proof is refused (`invalid_dpop_proof`). Not with the `push` mode (tokens are delivered
   * with no proof to bind them to). @defaultValue false
   */
  dpop_bound_access_tokens: z.boolean().optional(),
});
export type ClientRegistrationRequest = z.infer<typeof clientRegistrationRequest>;

/**
 * The registered client (RFC 7591 §3.2.1): the identifiers plus every registered metadata value,
 * defaults applied. `client_secret` appears once, in this answer, for the secret-based methods.
 */
export const clientRegistrationResponse = z.object({
  client_id: z.string(),
  client_secret: z.string().optional(),
  client_id_issued_at: z.number().int(),
  /** 0: the secret does not expire. Present when `client_secret` is. */
  client_secret_expires_at: z.number().int().optional(),
  client_name: z.string().optional(),
  token_endpoint_auth_method: tokenEndpointAuthMethod,
  token_endpoint_auth_signing_alg: z.union([jwsSigningAlg, clientSecretJwtAlg]).optional(),
  tls_client_auth_subject_dn: z.string().optional(),
  tls_client_auth_san_dns: z.string().optional(),
  tls_client_auth_san_uri: z.string().optional(),
  tls_client_auth_san_ip: z.string().optional(),
  tls_client_auth_san_email: z.string().optional(),
  /** Always answered by `/register`; clients registered before it existed have none (false). */
  tls_client_certificate_bound_access_tokens: z.boolean().optional(),
  security_profile: securityProfile.optional(),
  jwks: jwkSet.optional(),
  jwks_uri: z.string().optional(),
  grant_types: z.array(z.string()),
  scope: z.string().optional(),
  backchannel_token_delivery_mode: deliveryMode.optional(),
  backchannel_client_notification_endpoint: z.string().optional(),
  backchannel_authentication_request_signing_alg: requestSigningAlg.optional(),
  backchannel_user_code_parameter: z.boolean(),
  id_token_signed_response_alg: jwsSigningAlg,
  consent_channel_types: z.array(channelType).optional(),
  backchannel_user_hint_types: z.array(z.enum(USER_HINT_PARAMETERS)).optional(),
  dpop_bound_access_tokens: z.boolean().optional(),
});
export type ClientRegistrationResponse = z.infer<typeof clientRegistrationResponse>;
