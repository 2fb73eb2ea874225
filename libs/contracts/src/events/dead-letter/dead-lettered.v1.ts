import { z } from 'zod';
import { envelopeOf } from '../../envelope.ts';

export const EVENT_DEAD_LETTERED_V1 = 'ciba.event.dead_lettered.v1' as const;

/**
 * A message a consumer could not handle: unparseable, too large, failing its contract,
 * or failing its handler past the retry budget. The original bytes are kept (truncated) for operators.
 */
export const eventDeadLetteredV1 = envelopeOf(
  EVENT_DEAD_LETTERED_V1,
  z.object({
    topic: z.string().min(1).max(200),
    group: z.string().min(1).max(200),
    key: z.string().max(200).optional(),
    reason: z.enum(['unparseable', 'too_large', 'contract_violation', 'handler_failed']),
    detail: z.string().max(2000),
    original_id: z.string().max(200).optional(),
    original_excerpt: z.string().max(4096),
    attempts: z.number().int().nonnegative(),
  }),
);
export type EventDeadLetteredV1 = z.infer<typeof eventDeadLetteredV1>;
