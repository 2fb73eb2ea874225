import type { ChannelType } from '@ciba/contracts';
import type { OfferRecord, OfferStatus } from '../../domain/offer-record.ts';

/** A `prompt_offers` row as `OFFER_COLUMNS` selects it. */
export interface OfferRow {
  offerId: string;
  promptId: string;
  round: number;
  channelIndex: number;
  channel: string;
  channelType: string;
  entryHash: string;
  status: string;
  reason: string | null;
  statusCode: number | null;
  latencyMs: number | null;
  lateOutcome: string | null;
  offeredAt: Date;
  deadlineAt: Date;
  settledAt: Date | null;
}

/** A `prompt_offers` row as the domain sees it (nulls become absent). */
export function toOfferRecord(row: OfferRow): OfferRecord {
  return {
    offerId: row.offerId,
    promptId: row.promptId,
    round: row.round,
    channelIndex: row.channelIndex,
    channel: row.channel,
    channelType: row.channelType as ChannelType,
    entryHash: row.entryHash,
    status: row.status as OfferStatus,
    ...(row.reason !== null ? { reason: row.reason } : {}),
    ...(row.statusCode !== null ? { statusCode: row.statusCode } : {}),
    ...(row.latencyMs !== null ? { latencyMs: row.latencyMs } : {}),
    ...(row.lateOutcome !== null ? { lateOutcome: row.lateOutcome } : {}),
    offeredAt: row.offeredAt,
    deadlineAt: row.deadlineAt,
    ...(row.settledAt !== null ? { settledAt: row.settledAt } : {}),
  };
}
