import { randomUUID } from 'node:crypto';
import { channelNameOf } from '@ciba/contracts';
import type { ConsentPrompt, DeliveryFailure } from '../domain/consent-prompt.ts';
import { channelDeadlineMs } from '../domain/channel-deadline-ms.ts';
import { eligibleChannels } from '../domain/eligible-channels.ts';
import { isExpired } from '../domain/is-expired.ts';
import { newDecisionToken } from '../domain/new-decision-token.ts';
import type { NewOffer, OfferClaim } from '../domain/offer-store.ts';
import { roundBackoffMs } from '../domain/round-backoff-ms.ts';
import { offerRequestedEvent } from '../events/offer-requested-event.ts';
import { promptUndeliverableEvent } from '../events/prompt-undeliverable-event.ts';
import type { OfferingDeps } from './offering-deps.ts';
import { sealOffer } from './seal-offer.ts';

/** What `offerNext` did. */
export type OfferResult = 'offered' | 'next_round' | 'undeliverable' | 'settled' | 'lost';

/**
 * Offers the prompt to the first channel of the user's list at or after `fromIndex` in `round` that
 * the client allows and that is not disabled: a fresh decision token (its hash replaces the previous
 * one, so the token a channel that failed got stops working), the delivery sealed under the channel's
 * key, and the offer row with its `ciba.channel_offer.requested.v1`, written in one statement if the
 * prompt still waits for exactly this offer (`lost` when another process made it, or the prompt was
 * decided meanwhile). No channel left in the round: the next round is due after its backoff, or after
 * the last round the prompt is undeliverable. A user who is gone or has no usable channel: undeliverable
 * at once. Decided, expired or settled prompts get nothing (`settled`).
 */
export function offerNext(deps: OfferingDeps) {
  return async (prompt: ConsentPrompt, round: number, fromIndex: number): Promise<OfferResult> => {
    const now = deps.now();
    if (prompt.status !== 'pending' || prompt.deliveryStatus !== 'queued' || isExpired(prompt.expiresAt, now)) return 'settled';
    const claim: OfferClaim = { promptId: prompt.promptId, round, fromIndex };
    const log = { prompt_id: prompt.promptId, request_id: prompt.requestId, round };
    const giveUp = async (failure: DeliveryFailure, tried: number): Promise<OfferResult> => {
      const moved = await deps.offers.giveUp(claim, failure, promptUndeliverableEvent(prompt, tried, now));
      if (moved) deps.logger.warn({ ...log, reason: failure, channels_tried: tried }, 'prompt undeliverable');
      return moved ? 'undeliverable' : 'lost';
    };
    const [user, client] = await Promise.all([deps.directory.getUser(prompt.sub), deps.directory.getClient(prompt.clientId)]);
    if (!user) return giveUp('user_unknown', 0);
    const eligible = eligibleChannels(user.channels, client?.consent_channel_types, await deps.offers.disabledEntries(prompt.sub));
    if (eligible.length === 0) return giveUp('no_channels', 0);
    const next = eligible.find((c) => c.index >= fromIndex);
    if (!next) {
      if (round >= deps.rounds) return giveUp('all_channels_failed', eligible.length);
      const dueAt = new Date(now.getTime() + roundBackoffMs(deps.backoffMs, round));
      const moved = await deps.offers.scheduleRound(claim, dueAt);
      if (moved) deps.logger.info({ ...log, channels_tried: eligible.length, next_round_at: dueAt.toISOString() }, 'no channel took the prompt; next round scheduled');
      return moved ? 'next_round' : 'lost';
    }
    const channel = channelNameOf(next.entry);
    const token = newDecisionToken();
    const offer: NewOffer = {
      offerId: randomUUID(),
      promptId: prompt.promptId,
      round,
      channelIndex: next.index,
      channel,
      channelType: next.entry.type,
      entryHash: next.hash,
      deadlineAt: new Date(now.getTime() + channelDeadlineMs(deps.deadlines, channel)),
    };
    const sealed = await sealOffer(deps, { prompt, client, offerId: offer.offerId, channel, entry: next.entry, decisionToken: token.token });
    if (!(await deps.offers.recordOffer(claim, offer, token.hash, offerRequestedEvent(offer, prompt.requestId, sealed, now)))) return 'lost';
    deps.logger.info({ ...log, offer_id: offer.offerId, channel, channel_index: next.index, deadline_at: offer.deadlineAt.toISOString() }, 'prompt offered to channel');
    return 'offered';
  };
}
