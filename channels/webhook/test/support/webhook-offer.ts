import { randomUUID } from 'node:crypto';
import { sealDelivery, type ChannelKey } from '@ciba/channel-kit';
import { CHANNEL_OFFER_REQUESTED_V1, channelOffersTopic, type ChannelDelivery, type ChannelOfferRequestedV1 } from '@ciba/contracts';
import type { DevicePrompt } from '@ciba/contracts/api/device-prompt';
import { newEvent } from '@ciba/event-bus';
import type { PromptSigner } from './prompt-signer.ts';

/** A device prompt with a fresh prompt id. */
export function samplePrompt(): DevicePrompt {
  const promptId = `pr0mpt-${randomUUID()}`;
  return {
    prompt_id: promptId,
    sub: 'alice',
    client_id: 'client-1',
    client_name: 'Point of sale 7',
    scope: 'openid profile',
    binding_message: 'W4SP ✓',
    expires_at: new Date(Date.now() + 600_000).toISOString(),
    decision_uri: `http://127.0.0.1:8080/device/decisions/${promptId}`,
    decision_token: 'd'.repeat(43),
  };
}

/** A webhook delivery as the dispatcher builds it: the prompt's JSON as the body, signed when a signer is given. */
export async function webhookDelivery(url: string, signer?: PromptSigner, offerId: string = randomUUID()): Promise<ChannelDelivery> {
  const prompt = samplePrompt();
  const body = JSON.stringify(prompt);
  return {
    offer_id: offerId,
    channel: { type: 'webhook', url },
    prompt,
    approval_uri: `http://127.0.0.1:8080/device/approve/${prompt.prompt_id}?t=${prompt.decision_token}`,
    ...(signer ? { signed_body: { body, signature: await signer.sign(body) } } : {}),
  };
}

/** The offer event of a webhook delivery, sealed under `key` as the dispatcher publishes it. */
export async function webhookOffer(key: ChannelKey, url: string, signer?: PromptSigner, deadlineMs = 30_000): Promise<ChannelOfferRequestedV1> {
  const offerId = randomUUID();
  const requestId = randomUUID();
  const delivery = await webhookDelivery(url, signer, offerId);
  return newEvent(channelOffersTopic('webhook'), {
    type: CHANNEL_OFFER_REQUESTED_V1,
    source: '/services/consent-dispatcher',
    subject: requestId,
    data: {
      offer_id: offerId,
      request_id: requestId,
      prompt_id: delivery.prompt.prompt_id,
      channel: 'webhook',
      channel_index: 0,
      round: 1,
      deadline_at: new Date(Date.now() + deadlineMs).toISOString(),
      sealed: await sealDelivery(delivery, key),
    },
  }) as ChannelOfferRequestedV1;
}
