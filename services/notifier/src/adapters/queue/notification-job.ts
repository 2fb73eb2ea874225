import { z } from 'zod';

/**
 * The data of a notification job: the request id only. The `auth_req_id`, the client's token and any
 * pushed tokens are fetched when the job runs and never stored in Redis.
 */
export const notificationJobData = z.object({ request_id: z.uuid() });
export type NotificationJobData = z.infer<typeof notificationJobData>;

/** The name of the custom backoff strategy the worker implements (`retryDelay`). */
export const NOTIFY_BACKOFF = 'notify-full-jitter';
