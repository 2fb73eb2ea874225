import type { ClientMetadata } from './client-record.ts';

/** FAPI 1.0 Advanced §8.6: the only JWS algorithms a FAPI client may use. */
export const FAPI_ALGS: readonly string[] = ['PS256', 'ES256'];

/** Client authentication methods FAPI 1.0 Advanced §5.2.2-14 allows. */
const FAPI_AUTH_METHODS: readonly string[] = ['private_key_jwt', 'tls_client_auth', 'self_signed_tls_client_auth'];

/**
 * Whether the client asked for sender-constrained access tokens: certificate-bound (RFC 8705 §3.4)
 * or DPoP-bound (`dpop_bound_access_tokens`, RFC 9449 §5.2). /token then refuses its requests that
 * settle neither binding (`require-sender-constraint.ts`).
 */
export const isSenderConstrainedClient = (m: Pick<ClientMetadata, 'tls_client_certificate_bound_access_tokens' | 'dpop_bound_access_tokens'>): boolean =>
  m.tls_client_certificate_bound_access_tokens === true || m.dpop_bound_access_tokens === true;

/**
 * `security_profile: "fapi-ciba"` (FAPI-CIBA §5.2.2, on FAPI 1.0 Advanced §5.2.2): signed
 * authentication requests with PS256 or ES256; poll or ping (no push: §5.2.2-1); `private_key_jwt`
 * or mTLS client authentication, assertions PS256/ES256; ID tokens PS256/ES256; sender-constrained
 * access tokens. Returns what is inconsistent, or undefined.
 * @see https://openid.net/specs/openid-financial-api-ciba-ID1.html#authorization-server
 */
export function checkFapiCibaProfile(m: ClientMetadata): string | undefined {
  if (!FAPI_AUTH_METHODS.includes(m.token_endpoint_auth_method)) {
    return 'the fapi-ciba profile requires token_endpoint_auth_method private_key_jwt, tls_client_auth or self_signed_tls_client_auth';
  }
  if (m.token_endpoint_auth_signing_alg && !FAPI_ALGS.includes(m.token_endpoint_auth_signing_alg)) {
    return 'the fapi-ciba profile requires token_endpoint_auth_signing_alg PS256 or ES256';
  }
  if (!m.backchannel_authentication_request_signing_alg || !FAPI_ALGS.includes(m.backchannel_authentication_request_signing_alg)) {
    return 'the fapi-ciba profile requires signed authentication requests: backchannel_authentication_request_signing_alg PS256 or ES256';
  }
  if (!FAPI_ALGS.includes(m.id_token_signed_response_alg)) return 'the fapi-ciba profile requires id_token_signed_response_alg PS256 or ES256';
  if (m.backchannel_token_delivery_mode === 'push') return 'the fapi-ciba profile allows the poll and ping modes only, not push';
  if (!isSenderConstrainedClient(m)) {
    return 'the fapi-ciba profile requires sender-constrained access tokens: tls_client_certificate_bound_access_tokens or dpop_bound_access_tokens true';
  }
  return undefined;
}
