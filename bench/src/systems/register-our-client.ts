import type { DeliveryMode } from '../args.ts';
import { basicAuthorization, type BenchClient } from './system-under-test.ts';

/** Registers a client_secret_basic CIBA client in `mode` (POST /register, RFC 7591); undefined when refused. */
export async function registerOurClient(baseUrl: string, adminToken: string, mode: DeliveryMode, notificationUrl: string): Promise<BenchClient | { refused: string }> {
  const response = await fetch(`${baseUrl}/register`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      client_name: `Bench client (${mode})`,
      grant_types: ['urn:openid:params:grant-type:ciba', 'refresh_token'],
      token_endpoint_auth_method: 'client_secret_basic',
      backchannel_token_delivery_mode: mode,
      ...(mode === 'poll' ? {} : { backchannel_client_notification_endpoint: notificationUrl }),
      scope: 'openid profile email offline_access',
    }),
  });
  const body = (await response.json()) as { client_id?: string; client_secret?: string; error?: string; error_description?: string };
  if (response.status !== 201 || !body.client_id || !body.client_secret) return { refused: `${response.status} ${body.error ?? ''} ${body.error_description ?? ''}`.trim() };
  return { clientId: body.client_id, authorization: basicAuthorization(body.client_id, body.client_secret), mode };
}
