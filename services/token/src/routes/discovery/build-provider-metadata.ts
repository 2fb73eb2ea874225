import { CIBA_GRANT_TYPE, REFRESH_TOKEN_GRANT_TYPE } from '@ciba/contracts';
import { BACKCHANNEL_AUTHENTICATION_PATH } from '@ciba/contracts/api/backchannel-authentication';
import type { ProviderMetadata } from '@ciba/contracts/api/discovery';
import { REGISTRATION_PATH } from '@ciba/contracts/api/registration';
import { SCOPE_CLAIMS } from '@ciba/contracts/api/userinfo';
import { CLIENT_ASSERTION_ALGS } from '../../client-auth/client-assertion-type.ts';
import type { TokenConfig } from '../../config.ts';
import { SIGNING_ALGS } from '../../domain/keys/signing-keys.ts';
import { DPOP_ALGS } from '../../dpop/dpop-algs.ts';

const AUTH_METHODS = ['client_secret_basic', 'client_secret_post', 'private_key_jwt'];

/** The OpenID Provider metadata of this deployment (Discovery 1.0 §3, CIBA Core §4); every value is true of it. */
export function buildProviderMetadata(config: TokenConfig): ProviderMetadata {
  const token = config.publicUrls.token;
  return {
    issuer: config.issuer,
    backchannel_authentication_endpoint: `${config.publicUrls.authEndpoint}${BACKCHANNEL_AUTHENTICATION_PATH}`,
    token_endpoint: `${token}/token`,
    jwks_uri: `${token}/jwks`,
    registration_endpoint: `${token}${REGISTRATION_PATH}`,
    userinfo_endpoint: `${token}/userinfo`,
    introspection_endpoint: `${token}/introspect`,
    revocation_endpoint: `${token}/revoke`,
    grant_types_supported: [CIBA_GRANT_TYPE, REFRESH_TOKEN_GRANT_TYPE],
    backchannel_token_delivery_modes_supported: ['poll', 'ping', 'push'],
    backchannel_authentication_request_signing_alg_values_supported: ['PS256', 'ES256', 'RS256'],
    backchannel_user_code_parameter_supported: true,
    token_endpoint_auth_methods_supported: AUTH_METHODS,
    token_endpoint_auth_signing_alg_values_supported: [...CLIENT_ASSERTION_ALGS],
    introspection_endpoint_auth_methods_supported: AUTH_METHODS,
    introspection_endpoint_auth_signing_alg_values_supported: [...CLIENT_ASSERTION_ALGS],
    revocation_endpoint_auth_methods_supported: AUTH_METHODS,
    revocation_endpoint_auth_signing_alg_values_supported: [...CLIENT_ASSERTION_ALGS],
    id_token_signing_alg_values_supported: [...SIGNING_ALGS],
    scopes_supported: ['openid', 'profile', 'email', 'phone', 'address', 'offline_access'],
    subject_types_supported: ['public'],
    // Discovery 1.0 makes this field REQUIRED, but it lists values of the authorization endpoint's
    // `response_type`, and this server has no authorization endpoint: CIBA clients get tokens from the
    // token endpoint only. So the honest value is the empty list; advertising `code` or `id_token`
    // would invite clients to an endpoint that does not exist.
    response_types_supported: [],
    // ID token claims plus the end-user claims the scopes release (OIDC Core §5.4).
    claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'acr', ...Object.values(SCOPE_CLAIMS).flat()],
    // RFC 9449 §5.1: DPoP proofs at /token and /userinfo.
    dpop_signing_alg_values_supported: [...DPOP_ALGS],
  };
}
