import type { ChannelOfferDeliveredV1, ChannelOfferFailedV1 } from '@ciba/contracts';
import { flowMetrics } from '@ciba/metrics';
import type { Logger } from '@ciba/service-kit';
import type { ConsentPrompt } from '../domain/consent-prompt.ts';
import type { OfferStore } from '../domain/offer-store.ts';
import { channelTypeOf } from '../domain/channel-type-of.ts';
import { promptDeliveredEvent } from '../events/prompt-delivered-event.ts';

export interface ChannelOutcomeDeps {
  offers: Pick<OfferStore, 'applyOutcome'>;
  /** Offers the prompts that are due from their next channel (`continueOffers`). */
  offer(prompts: readonly ConsentPrompt[]): Promise<void>;
  logger: Logger;
  /** The consumer group (processed-events key). */
  group: string;
  leaseMs: number;
  now(): Date;
}

/**
 * A channel's answer on `ciba.channel-outcomes`, applied once (`processed_events`): delivered → the
 * prompt is delivered with `ciba.consent_prompt.delivered.v1`; failed → the next channel is offered
 * (a `gone` entry is disabled for good). An answer for an offer that already timed out is recorded on
 * the offer only. The state change commits before the next offer is made, which holds a lease: a
 * process that stops in between leaves the offer to the sweep.
 */
export function handleChannelOutcome(deps: ChannelOutcomeDeps) {
  return async (event: ChannelOfferDeliveredV1 | ChannelOfferFailedV1): Promise<void> => {
    const d = event.data;
    const failed = event.type === 'ciba.channel_offer.failed.v1' ? event.data : undefined;
    const now = deps.now();
    const leaseUntil = new Date(now.getTime() + deps.leaseMs);
    // Built ahead from what the outcome names; written only if the offer matches and the prompt moves.
    const delivered = failed
      ? undefined
      : promptDeliveredEvent({
          prompt: { promptId: d.prompt_id, requestId: d.request_id },
          offer: { channelType: channelTypeOf(d.channel), channelIndex: d.channel_index, round: d.round },
          at: now,
        });
    const effect = await deps.offers.applyOutcome(
      deps.group,
      event.id,
      {
        offerId: d.offer_id,
        requestId: d.request_id,
        promptId: d.prompt_id,
        channel: d.channel,
        channelIndex: d.channel_index,
        round: d.round,
        delivered: !failed,
        ...(failed ? { reason: failed.reason } : {}),
        ...(d.status_code !== undefined ? { statusCode: d.status_code } : {}),
        ...(d.latency_ms !== undefined ? { latencyMs: d.latency_ms } : {}),
      },
      leaseUntil,
      delivered,
    );
    const log = { offer_id: d.offer_id, prompt_id: d.prompt_id, request_id: d.request_id, channel: d.channel, channel_index: d.channel_index, round: d.round };
    if (effect.kind === 'duplicate') return;
    if (effect.kind === 'late') {
      deps.logger.info({ ...log, delivered: !failed }, 'late channel outcome recorded');
      return;
    }
    if (effect.kind === 'delivered') {
      if (effect.requestedAt) flowMetrics.stage('prompt_delivered', effect.requestedAt, now);
      deps.logger.info({ ...log, moved: effect.moved }, 'prompt delivered');
      return;
    }
    deps.logger.info({ ...log, reason: failed?.reason, continues: effect.next !== null }, 'channel could not deliver the prompt');
    if (effect.next) await deps.offer([effect.next]);
  };
}
