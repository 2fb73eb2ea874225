import { z } from 'zod';

/** Identifies the offer an outcome is about (copied from the offer event). */
export const offerRef = z.object({
  offer_id: z.uuid(),
  request_id: z.uuid(),
  prompt_id: z.string().min(1).max(100),
  channel: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/),
  channel_index: z.number().int().nonnegative(),
  round: z.number().int().positive(),
});
