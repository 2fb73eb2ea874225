import type { Request, Response } from 'express';
import type { ConsentPrompt } from '../../domain/consent-prompt.ts';
import type { OfferStore } from '../../domain/offer-store.ts';

const iso = (d: Date | undefined) => d?.toISOString() ?? null;

/** Answers the loaded prompt and its offers as JSON (snake_case, ISO times, `no-store`); identifiers and outcomes only. */
export function promptResponse(offers: Pick<OfferStore, 'listOffers'>) {
  return async (_req: Request, res: Response) => {
    const p = res.locals.prompt as ConsentPrompt;
    const list = await offers.listOffers(p.promptId);
    res.set('Cache-Control', 'no-store').json({
      request_id: p.requestId,
      prompt_id: p.promptId,
      client_id: p.clientId,
      status: p.status,
      decided_at: iso(p.decidedAt),
      expires_at: p.expiresAt.toISOString(),
      delivery_status: p.deliveryStatus,
      delivery_failure: p.deliveryFailure ?? null,
      delivered_at: iso(p.deliveredAt),
      round: p.round,
      next_offer_at: iso(p.nextOfferAt),
      offers: list.map((o) => ({
        offer_id: o.offerId,
        round: o.round,
        channel_index: o.channelIndex,
        channel: o.channel,
        channel_type: o.channelType,
        status: o.status,
        reason: o.reason ?? null,
        status_code: o.statusCode ?? null,
        latency_ms: o.latencyMs ?? null,
        late_outcome: o.lateOutcome ?? null,
        offered_at: o.offeredAt.toISOString(),
        deadline_at: o.deadlineAt.toISOString(),
        settled_at: iso(o.settledAt),
      })),
    });
  };
}
