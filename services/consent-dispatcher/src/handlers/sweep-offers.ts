import type { Logger } from '@ciba/service-kit';
import type { ConsentPrompt } from '../domain/consent-prompt.ts';
import type { OfferStore } from '../domain/offer-store.ts';
import { offerTimedOutEvent } from '../events/offer-timed-out-event.ts';

export interface SweepOffersDeps {
  offers: Pick<OfferStore, 'timeOutDue' | 'claimDue'>;
  /** Offers the prompts that are due (`continueOffers`). */
  offer(prompts: readonly ConsentPrompt[]): Promise<void>;
  logger: Logger;
  now(): Date;
  leaseMs: number;
  /** Offers timed out, or prompts taken, per transaction. */
  batchSize: number;
}

/**
 * One offer sweep. First the deadlines: each offer still out past its deadline becomes `timed_out`
 * (with `ciba.channel_offer.timed_out.v1`) and its prompt is offered to the next channel. Then the due
 * offers: next rounds whose backoff has passed, and offers a process started and did not finish within
 * its lease (it stopped, or the directory failed). Rows are taken with `FOR UPDATE SKIP LOCKED`, so
 * replicas sweeping at once share the work. Resolves how many offers timed out and prompts were due.
 */
export function sweepOffers(deps: SweepOffersDeps) {
  return async (): Promise<{ timedOut: number; due: number }> => {
    let timedOut = 0;
    let due = 0;
    for (;;) {
      const now = deps.now();
      const done = await deps.offers.timeOutDue(now, deps.batchSize, new Date(now.getTime() + deps.leaseMs), (offer) => offerTimedOutEvent(offer, now));
      for (const { offer } of done) {
        deps.logger.info({ offer_id: offer.offerId, prompt_id: offer.promptId, request_id: offer.requestId, channel: offer.channel, channel_index: offer.channelIndex, round: offer.round }, 'channel offer timed out');
      }
      await deps.offer(done.flatMap((t) => (t.next ? [t.next] : [])));
      timedOut += done.length;
      if (done.length < deps.batchSize) break;
    }
    for (;;) {
      const now = deps.now();
      const prompts = await deps.offers.claimDue(now, deps.batchSize, new Date(now.getTime() + deps.leaseMs));
      await deps.offer(prompts);
      due += prompts.length;
      if (prompts.length < deps.batchSize) break;
    }
    return { timedOut, due };
  };
}
