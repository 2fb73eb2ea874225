import type { ClientView } from '@ciba/contracts';
import type { ClientRecord } from './client-record.ts';

/** What other services may know of a client: its metadata without keys or secret. */
export function toClientView(client: ClientRecord): ClientView {
  const m = client.metadata;
  return {
    client_id: client.clientId,
    ...(m.client_name !== undefined ? { client_name: m.client_name } : {}),
    grant_types: [...m.grant_types],
    ...(m.scope !== undefined ? { scope: m.scope } : {}),
    token_endpoint_auth_method: m.token_endpoint_auth_method,
    ...(m.backchannel_token_delivery_mode !== undefined ? { backchannel_token_delivery_mode: m.backchannel_token_delivery_mode } : {}),
    ...(m.backchannel_client_notification_endpoint !== undefined
      ? { backchannel_client_notification_endpoint: m.backchannel_client_notification_endpoint }
      : {}),
    ...(m.backchannel_authentication_request_signing_alg !== undefined
      ? { backchannel_authentication_request_signing_alg: m.backchannel_authentication_request_signing_alg }
      : {}),
    backchannel_user_code_parameter: m.backchannel_user_code_parameter,
    id_token_signed_response_alg: m.id_token_signed_response_alg,
    ...(m.consent_channel_types !== undefined ? { consent_channel_types: [...m.consent_channel_types] } : {}),
    ...(m.backchannel_user_hint_types !== undefined ? { backchannel_user_hint_types: [...m.backchannel_user_hint_types] } : {}),
    ...(m.dpop_bound_access_tokens !== undefined ? { dpop_bound_access_tokens: m.dpop_bound_access_tokens } : {}),
  };
}
