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

/** Client authentication methods at the token, introspection and revocation endpoints (RFC 7591 §2). */
export const tokenEndpointAuthMethod = z.enum(['client_secret_basic', 'client_secret_post', 'private_key_jwt']);
export type TokenEndpointAuthMethod = z.infer<typeof tokenEndpointAuthMethod>;

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
  /** `private_key_jwt` only: the one `alg` the client signs its assertions with. */
  token_endpoint_auth_signing_alg: jwsSigningAlg.optional(),
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
  token_endpoint_auth_signing_alg: jwsSigningAlg.optional(),
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
