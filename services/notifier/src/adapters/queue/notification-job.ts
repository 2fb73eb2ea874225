import { z } from 'zod';

/**
 * The data of a notification job: the request id, and the runs already made in process before the
 * job (the first attempt). The `auth_req_id`, the client's token and any pushed tokens are fetched when
 * the job runs and never stored in Redis.
 */
export const notificationJobData = z.object({ request_id: z.uuid(), runs_before: z.number().int().min(0).optional() });
export type NotificationJobData = z.infer<typeof notificationJobData>;

/** The name of the custom backoff strategy the worker implements (`retryDelay`). */
export const NOTIFY_BACKOFF = 'notify-full-jitter';
