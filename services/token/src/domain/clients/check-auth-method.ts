import type { ClientRegistrationRequest } from '@ciba/contracts/api/registration';
import { checkTlsSubject } from './check-tls-subject.ts';
import type { ClientMetadata } from './client-record.ts';
import type { RegistrationCapabilities } from './registration-capabilities.ts';

type AuthMethodMetadata = Pick<
  ClientMetadata,
  'token_endpoint_auth_method' | 'token_endpoint_auth_signing_alg' | 'tls_client_auth_subject_dn' | 'tls_client_auth_san_dns' | 'tls_client_auth_san_uri' | 'tls_client_auth_san_ip' | 'tls_client_auth_san_email' | 'tls_client_certificate_bound_access_tokens'
>;

const ASYMMETRIC = ['RS256', 'PS256', 'ES256'];
const HMAC = ['HS256', 'HS384', 'HS512'];

/**
 * The client authentication metadata (RFC 7591 §2, RFC 8705 §2.1.2, §2.2.2, §3.4), checked against
 * what the deployment offers: the method (`client_secret_basic` by default), its signing `alg` when it
 * has one, the `tls_client_auth` subject, certificate-bound tokens. Returns them or what is wrong.
 */
export function checkAuthMethod(m: ClientRegistrationRequest, capabilities: RegistrationCapabilities): AuthMethodMetadata | string {
  const method = m.token_endpoint_auth_method ?? 'client_secret_basic';
  const keys = m.jwks !== undefined || m.jwks_uri !== undefined;
  if (method === 'private_key_jwt' && !keys) return 'private_key_jwt requires jwks or jwks_uri';
  if (method === 'self_signed_tls_client_auth' && !keys) return 'self_signed_tls_client_auth requires jwks or jwks_uri holding the certificate (x5c)';
  if (method === 'self_signed_tls_client_auth' && m.jwks && !m.jwks.keys.some((key) => Array.isArray(key.x5c) && key.x5c.length > 0)) {
    return 'self_signed_tls_client_auth requires a key with the certificate (x5c) in jwks';
  }
  if (method === 'client_secret_jwt' && !capabilities.clientSecretJwt) return 'client_secret_jwt is not offered by this server';
  const tls = method === 'tls_client_auth' || method === 'self_signed_tls_client_auth';
  if (tls && !capabilities.mtls) return `${method} is not offered by this server (mTLS is not configured)`;
  if (m.tls_client_certificate_bound_access_tokens && !capabilities.mtls) {
    return 'tls_client_certificate_bound_access_tokens is not offered by this server (mTLS is not configured)';
  }
  const alg = m.token_endpoint_auth_signing_alg;
  const algs = method === 'private_key_jwt' ? ASYMMETRIC : method === 'client_secret_jwt' ? HMAC : [];
  if (alg !== undefined && algs.length > 0 && !algs.includes(alg)) return `token_endpoint_auth_signing_alg must be one of ${algs.join(', ')} for ${method}`;
  let subject = {};
  if (method === 'tls_client_auth') {
    const checked = checkTlsSubject(m);
    if (typeof checked === 'string') return checked;
    subject = { [checked.field]: checked.value };
  }
  return {
    token_endpoint_auth_method: method,
    ...(alg !== undefined && algs.length > 0 ? { token_endpoint_auth_signing_alg: alg } : {}),
    ...subject,
    tls_client_certificate_bound_access_tokens: m.tls_client_certificate_bound_access_tokens ?? false,
  };
}
