import { sealDelivery } from '@ciba/channel-kit';
import type { ClientView, UserChannel } from '@ciba/contracts';
import { approvalUri } from '../domain/approval-uri.ts';
import { buildDevicePrompt } from '../domain/build-device-prompt.ts';
import type { ConsentPrompt } from '../domain/consent-prompt.ts';
import type { OfferingDeps } from './offering-deps.ts';

export interface SealRequest {
  prompt: ConsentPrompt;
  client: ClientView | null;
  offerId: string;
  channel: string;
  entry: UserChannel;
  decisionToken: string;
}

/**
 * What the channel needs, sealed under its key: the entry, the prompt of interfaces.md §4 with its
 * decision token, the approval page, and for a webhook the body to POST byte for byte with its
 * detached JWS by the token service's signing key (`Ciba-Signature`).
 */
export async function sealOffer(deps: Pick<OfferingDeps, 'directory' | 'keys' | 'publicUrl'>, r: SealRequest): Promise<string> {
  const prompt = buildDevicePrompt(r.prompt, { clientName: r.client?.client_name, publicUrl: deps.publicUrl, decisionToken: r.decisionToken });
  const body = r.entry.type === 'webhook' ? JSON.stringify(prompt) : undefined;
  return sealDelivery(
    {
      offer_id: r.offerId,
      channel: r.entry,
      prompt,
      approval_uri: approvalUri(deps.publicUrl, r.prompt.promptId, r.decisionToken),
      ...(body !== undefined ? { signed_body: { body, signature: await deps.directory.signDetached(body) } } : {}),
    },
    deps.keys.keyOf(r.channel),
  );
}
