import * as oauth from 'oauth4webapi';
import { waitFor } from '@ciba/test-support';
import { adminCall, decide, discover, insecure, registerClient, type SystemRef } from '../../../../services/all-in-one/test/support/ciba-fixture.ts';
import type { startPromptReceiver } from '../../../../services/all-in-one/test/support/prompt-receiver.ts';

/** A user `sub` whose one channel is the prompt receiver at `url`. */
export async function addUser(system: SystemRef, sub: string, hint: string, url: string): Promise<void> {
  const res = await adminCall(system, 'PUT', `/admin/users/${sub}`, { login_hints: [hint], channels: [{ type: 'webhook', url }] });
  if (res.status !== 200) throw new Error(`PUT /admin/users: ${res.status}`);
}

/** One poll-mode request approved on the device and redeemed at the token endpoint; answers the client id. */
export async function approvedPollFlow(system: SystemRef, prompts: Awaited<ReturnType<typeof startPromptReceiver>>, hint: string): Promise<string> {
  const as = await discover(system);
  const { client, clientAuth } = await registerClient(system, { client_name: 'poll', backchannel_token_delivery_mode: 'poll' });
  const started = await oauth.processBackchannelAuthenticationResponse(as, client, await oauth.backchannelAuthenticationRequest(as, client, clientAuth, { scope: 'openid', login_hint: hint }, insecure));
  const decided = await decide((await prompts.next()).body, 'approve');
  if (decided.status !== 200) throw new Error(`decision: ${decided.status}`);
  await waitFor(
    async () => {
      try {
        return await oauth.processBackchannelAuthenticationGrantResponse(as, client, await oauth.backchannelAuthenticationGrantRequest(as, client, clientAuth, started.auth_req_id, insecure));
      } catch (err) {
        if ((err as { error?: string }).error === 'authorization_pending' || (err as { error?: string }).error === 'slow_down') return undefined;
        throw err;
      }
    },
    20_000,
    'the tokens',
  );
  return client.client_id;
}
