import { z } from 'zod';

/**
 * The data of a delivery job: the prompt id, and the number of the job's first run among the prompt's
 * delivery runs (2 when the first run happened in process before the job took over). The decision
 * token is minted when the job runs and never stored in Redis; everything else is read from the
 * database.
 */
export const deliveryJobData = z.object({ prompt_id: z.string().min(1).max(100), first_attempt: z.number().int().min(1).max(50).optional() });
export type DeliveryJobData = z.infer<typeof deliveryJobData>;
