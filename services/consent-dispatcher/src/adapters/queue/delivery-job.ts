import { z } from 'zod';

/**
 * The data of a delivery job: the prompt id only. The decision token is minted when the job runs and
 * never stored in Redis; everything else is read from the database.
 */
export const deliveryJobData = z.object({ prompt_id: z.string().min(1).max(100) });
export type DeliveryJobData = z.infer<typeof deliveryJobData>;
