import { z } from 'zod';

/** What every consent decision event carries: identifiers and times, no personal data. */
export const consentDecisionData = z.object({
  request_id: z.uuid(),
  prompt_id: z.string().min(1).max(100),
  client_id: z.string().min(1).max(200),
  sub: z.string().min(1).max(255),
  decided_at: z.iso.datetime({ offset: true }),
});
