import { z } from 'zod';

/** What every client-notification event carries: identifiers, outcome and timings, never tokens. */
export const clientNotificationData = z.object({
  request_id: z.uuid(),
  client_id: z.string().min(1).max(200),
  /** CIBA Core §10.2 ping or §10.3 push. */
  mode: z.enum(['ping', 'push']),
  /** What the client is told about. */
  outcome: z.enum(['approved', 'denied', 'expired', 'failed']),
  attempts: z.number().int().positive(),
  /** HTTP status of the last attempt, when the client answered. */
  last_status: z.number().int().min(100).max(599).optional(),
});
