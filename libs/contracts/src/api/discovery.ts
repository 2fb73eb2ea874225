import { z } from 'zod';

/**
 * The OpenID Provider metadata served at `GET /.well-known/openid-configuration` (OpenID Connect
 * Discovery 1.0 §3, RFC 8414 §2, CIBA Core §4). Every value is true of the running system.
 *
 * @see https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderMetadata
 * @see https://openid.net/specs/openid-client-initiated-backchannel-authentication-core-1_0.html#rfc.section.4
 */

/** The path of the document, relative to the issuer. */
export const DISCOVERY_PATH = '/.well-known/openid-configuration' as const;

const url = z.url();
const strings = z.array(z.string());

export const providerMetadata = z.object({
  issuer: url,
  /** CIBA Core §4; served by the auth-endpoint service. */
  backchannel_authentication_endpoint: url,
  token_endpoint: url,
  jwks_uri: url,
  /** RFC 7591; needs the initial access token (`ADMIN_TOKEN`). */
  registration_endpoint: url,
  userinfo_endpoint: url,
  /** RFC 7662 (RFC 8414 §2 names the field). */
  introspection_endpoint: url,
  /** RFC 7009 (RFC 8414 §2 names the field). */
  revocation_endpoint: url,
  grant_types_supported: strings,
  /** CIBA Core §4: `poll`, `ping`, `push`. */
  backchannel_token_delivery_modes_supported: strings,
  /** CIBA Core §4: algorithms of signed authentication requests. */
  backchannel_authentication_request_signing_alg_values_supported: strings,
  /** CIBA Core §4. */
  backchannel_user_code_parameter_supported: z.boolean(),
  token_endpoint_auth_methods_supported: strings,
  token_endpoint_auth_signing_alg_values_supported: strings,
  introspection_endpoint_auth_methods_supported: strings,
  introspection_endpoint_auth_signing_alg_values_supported: strings,
  revocation_endpoint_auth_methods_supported: strings,
  revocation_endpoint_auth_signing_alg_values_supported: strings,
  /** Includes `RS256` (Discovery 1.0 §3 requires it). */
  id_token_signing_alg_values_supported: strings,
  scopes_supported: strings,
  subject_types_supported: strings,
  /**
   * REQUIRED by Discovery 1.0 §3, but this server has no authorization endpoint, so there is no
   * `response_type` it accepts: the list is empty.
   */
  response_types_supported: strings,
  claims_supported: strings,
  /** RFC 9449 §5.1: the JWS algorithms of DPoP proofs this server accepts. */
  dpop_signing_alg_values_supported: strings,
});
export type ProviderMetadata = z.infer<typeof providerMetadata>;
