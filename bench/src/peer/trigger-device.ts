import { Agent, request as send } from 'undici';
import type { Account, BackchannelAuthenticationRequest, Client, KoaContextWithOIDC } from 'oidc-provider';
import type { StoredUser } from './accounts.ts';
import { decisionToken } from './decision-token.ts';

/**
 * `features.ciba.triggerAuthenticationDevice`: POSTs the interfaces.md §4 prompt to the user's webhook,
 * as our consent dispatcher does. It is not awaited, so the client's answer does not wait on the
 * device, again as in ours (where the prompt leaves through the outbox after the response).
 */
export function createTriggerDevice(issuer: string, secret: string) {
  const agent = new Agent({ connections: 128, keepAliveTimeout: 30_000 });
  return async (_ctx: KoaContextWithOIDC, request: BackchannelAuthenticationRequest, account: Account, client: Client): Promise<void> => {
    const user = (account as Account & { user: StoredUser }).user;
    const webhook = user.channels.find((c) => c.type === 'webhook');
    if (!webhook) return;
    const id = request.jti;
    const prompt = {
      prompt_id: id,
      sub: account.accountId,
      client_id: client.clientId,
      client_name: client.clientName,
      scope: request.scope,
      binding_message: request.params?.binding_message,
      expires_at: new Date(Date.now() + request.expiration * 1000).toISOString(),
      decision_uri: `${issuer}/device/decisions/${id}`,
      decision_token: decisionToken(secret, id),
    };
    void send(webhook.url, {
      method: 'POST',
      dispatcher: agent,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(prompt),
      headersTimeout: 10_000,
    })
      .then((response) => response.body.dump())
      .catch((err: Error) => process.stderr.write(`prompt delivery failed: ${err.message}\n`));
  };
}
