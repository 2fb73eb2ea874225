import type { ChannelDelivery } from '@ciba/contracts';

/**
 * The prompt as flat string fields, what an authenticator app gets in an FCM data message: enough to
 * show the request (client, scope, binding message, expiry) and to answer it (`decision_uri` with
 * `Authorization: Bearer <decision_token>`), or to open `approval_uri`. Absent optional fields are
 * omitted.
 */
export function promptData(delivery: ChannelDelivery): Record<string, string> {
  const { prompt, approval_uri } = delivery;
  const data: Record<string, string> = {
    prompt_id: prompt.prompt_id,
    decision_uri: prompt.decision_uri,
    decision_token: prompt.decision_token,
    scope: prompt.scope,
    expires_at: prompt.expires_at,
    approval_uri,
  };
  if (prompt.client_name !== undefined) data['client_name'] = prompt.client_name;
  if (prompt.binding_message !== undefined) data['binding_message'] = prompt.binding_message;
  if (prompt.acr_values !== undefined) data['acr_values'] = prompt.acr_values;
  return data;
}
