import { CIBA_GRANT_TYPE, REFRESH_TOKEN_GRANT_TYPE, deliveryMode } from '@ciba/contracts';
import { clientRegistrationRequest } from '@ciba/contracts/api/registration';
import { containsNul } from '@ciba/contracts/api/contains-nul';
import { InvalidClientMetadata } from '@ciba/contracts/oauth-errors';
import { checkClientJwks } from './check-client-jwks.ts';
import { checkOutboundUrl } from './check-outbound-url.ts';
import type { ClientMetadata } from './client-record.ts';

/** RFC 6749 §3.3 scope syntax: space-separated scope-tokens. */
const SCOPE = /^[\x21\x23-\x5B\x5D-\x7E]+( [\x21\x23-\x5B\x5D-\x7E]+)*$/;

const fail = (description: string): never => {
  throw new InvalidClientMetadata(description);
};

/**
 * Turns a registration request body into the metadata to register, defaults applied (RFC 7591 §2,
 * CIBA Core §4). Throws `InvalidClientMetadata` naming the first inconsistent or malformed value.
 * @see https://openid.net/specs/openid-client-initiated-backchannel-authentication-core-1_0.html#rfc.section.4
 */
export async function validateClientMetadata(body: unknown, production: boolean): Promise<ClientMetadata> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) fail('client metadata must be a JSON object');
  if (containsNul(body)) fail('client metadata must not contain NUL characters');
  const parsed = clientRegistrationRequest.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    fail(`${issue.path.map(String).join('.') || 'client metadata'} is invalid: ${issue.message.toLowerCase()}`);
  }
  const m = parsed.data!;

  const method = m.token_endpoint_auth_method ?? 'client_secret_basic';
  if (m.jwks && m.jwks_uri) fail('jwks and jwks_uri must not both be given');
  if (method === 'private_key_jwt' && !m.jwks && !m.jwks_uri) fail('private_key_jwt requires jwks or jwks_uri');
  if (m.backchannel_authentication_request_signing_alg && !m.jwks && !m.jwks_uri) {
    fail('backchannel_authentication_request_signing_alg requires jwks or jwks_uri');
  }
  if (m.jwks) {
    const problem = await checkClientJwks(m.jwks);
    if (problem) fail(problem);
  }
  if (m.jwks_uri !== undefined) {
    const problem = checkOutboundUrl(m.jwks_uri, production);
    if (problem) fail(`jwks_uri ${problem}`);
  }
  if (m.scope !== undefined && !SCOPE.test(m.scope)) fail('scope must be space-separated scope tokens');

  const grantTypes = m.grant_types ?? [CIBA_GRANT_TYPE, REFRESH_TOKEN_GRANT_TYPE];
  const ciba = grantTypes.includes(CIBA_GRANT_TYPE);
  const requestedMode = m.backchannel_token_delivery_mode ?? (ciba ? 'poll' : undefined);
  const mode = requestedMode === undefined ? undefined : deliveryMode.safeParse(requestedMode).data;
  if (requestedMode !== undefined && mode === undefined) fail('backchannel_token_delivery_mode must be poll, ping or push');
  const endpoint = m.backchannel_client_notification_endpoint;
  if ((mode === 'ping' || mode === 'push') && endpoint === undefined) {
    fail(`backchannel_client_notification_endpoint is required for the ${mode} mode`);
  }
  if (endpoint !== undefined) {
    const problem = checkOutboundUrl(endpoint, production);
    if (problem) fail(`backchannel_client_notification_endpoint ${problem}`);
  }
  // RFC 9449 §5.2: push delivers tokens in the callback, with no DPoP proof to bind them to.
  if (m.dpop_bound_access_tokens && mode === 'push') fail('dpop_bound_access_tokens cannot be used with the push mode');

  return {
    ...(m.client_name !== undefined ? { client_name: m.client_name } : {}),
    token_endpoint_auth_method: method,
    ...(method === 'private_key_jwt' && m.token_endpoint_auth_signing_alg ? { token_endpoint_auth_signing_alg: m.token_endpoint_auth_signing_alg } : {}),
    ...(m.jwks ? { jwks: m.jwks } : {}),
    ...(m.jwks_uri !== undefined ? { jwks_uri: m.jwks_uri } : {}),
    grant_types: grantTypes,
    ...(m.scope !== undefined ? { scope: m.scope } : {}),
    ...(mode ? { backchannel_token_delivery_mode: mode } : {}),
    ...(endpoint !== undefined ? { backchannel_client_notification_endpoint: endpoint } : {}),
    ...(m.backchannel_authentication_request_signing_alg
      ? { backchannel_authentication_request_signing_alg: m.backchannel_authentication_request_signing_alg }
      : {}),
    backchannel_user_code_parameter: m.backchannel_user_code_parameter ?? false,
    id_token_signed_response_alg: m.id_token_signed_response_alg ?? 'RS256',
    ...(m.consent_channel_types ? { consent_channel_types: [...new Set(m.consent_channel_types)] } : {}),
    ...(m.backchannel_user_hint_types ? { backchannel_user_hint_types: [...new Set(m.backchannel_user_hint_types)] } : {}),
    ...(m.dpop_bound_access_tokens !== undefined ? { dpop_bound_access_tokens: m.dpop_bound_access_tokens } : {}),
  };
}
