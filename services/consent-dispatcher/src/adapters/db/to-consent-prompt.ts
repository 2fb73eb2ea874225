import { decodeHeaders } from '@ciba/event-bus';
import type { ConsentPrompt, DeliveryFailure } from '../../domain/consent-prompt.ts';
import type { ConsentPrompt as ConsentPromptModel } from './generated/client.ts';

/** The columns of a `consent_prompts` row the domain reads (Prisma's field names; `PROMPT_COLUMNS` selects them in SQL). */
export type ConsentPromptRow = Pick<
  ConsentPromptModel,
  'promptId' | 'requestId' | 'clientId' | 'sub' | 'scope' | 'bindingMessage' | 'acrValues' | 'expiresAt' | 'status' | 'decidedAt' | 'decisionTokenHash' | 'deliveryStatus' | 'deliveryFailure' | 'deliveredAt' | 'round' | 'nextChannelIndex' | 'nextOfferAt' | 'traceContext'
> &
  Partial<Pick<ConsentPromptModel, 'requestedAt'>>;

/** A `consent_prompts` row as the domain sees it (nulls become absent). */
export function toConsentPrompt(row: ConsentPromptRow): ConsentPrompt {
  const traceContext = decodeHeaders(row.traceContext);
  return {
    promptId: row.promptId,
    requestId: row.requestId,
    clientId: row.clientId,
    sub: row.sub,
    scope: row.scope,
    ...(row.bindingMessage !== null ? { bindingMessage: row.bindingMessage } : {}),
    ...(row.acrValues !== null ? { acrValues: row.acrValues } : {}),
    expiresAt: row.expiresAt,
    status: row.status,
    ...(row.decidedAt !== null ? { decidedAt: row.decidedAt } : {}),
    ...(row.decisionTokenHash !== null ? { decisionTokenHash: row.decisionTokenHash } : {}),
    deliveryStatus: row.deliveryStatus,
    ...(row.deliveryFailure !== null ? { deliveryFailure: row.deliveryFailure as DeliveryFailure } : {}),
    ...(row.deliveredAt !== null ? { deliveredAt: row.deliveredAt } : {}),
    round: row.round,
    nextChannelIndex: row.nextChannelIndex,
    ...(row.nextOfferAt !== null ? { nextOfferAt: row.nextOfferAt } : {}),
    ...(traceContext ? { traceContext } : {}),
    ...(row.requestedAt ? { requestedAt: row.requestedAt } : {}),
  };
}
