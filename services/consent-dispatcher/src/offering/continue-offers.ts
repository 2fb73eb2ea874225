import { withinStoredTrace, type Logger } from '@ciba/service-kit';
import type { ConsentPrompt } from '../domain/consent-prompt.ts';
import type { OfferResult } from './offer-next.ts';

/**
 * Makes the offer each prompt is due for (its `round` from `nextChannelIndex`), one prompt after the
 * other. A failure (the directory or the database unreachable) is logged and left to the offer sweep,
 * which makes the offer once the prompt's lease has run out: the due state is in PostgreSQL. Each offer
 * runs in its auth request's trace (the context stored with the prompt), sweeps included.
 */
export function continueOffers(offerNext: (prompt: ConsentPrompt, round: number, fromIndex: number) => Promise<OfferResult>, logger: Logger) {
  return async (prompts: readonly ConsentPrompt[]): Promise<void> => {
    for (const prompt of prompts) {
      try {
        const attributes = { 'ciba.request_id': prompt.requestId, 'ciba.prompt_id': prompt.promptId, 'ciba.offer.round': prompt.round };
        await withinStoredTrace(prompt.traceContext, 'ciba.consent.offer', attributes, () => offerNext(prompt, prompt.round, prompt.nextChannelIndex));
      } catch (err) {
        logger.warn({ err, prompt_id: prompt.promptId, request_id: prompt.requestId, round: prompt.round }, 'could not make the offer; the offer sweep will');
      }
    }
  };
}
