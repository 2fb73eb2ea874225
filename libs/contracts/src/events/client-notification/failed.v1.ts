import { z } from 'zod';
import { envelopeOf } from '../../envelope.ts';
import { clientNotificationData } from './notification-data.ts';

export const CLIENT_NOTIFICATION_FAILED_V1 = 'ciba.client_notification.failed.v1' as const;

/** A ping or push could not be delivered: a final answer (401, 403, 3xx, other 4xx) or attempts exhausted. */
export const clientNotificationFailedV1 = envelopeOf(
  CLIENT_NOTIFICATION_FAILED_V1,
  clientNotificationData.extend({
    reason: z.enum(['rejected', 'redirected', 'attempts_exhausted', 'unreachable', 'endpoint_not_allowed', 'expired']),
  }),
);
export type ClientNotificationFailedV1 = z.infer<typeof clientNotificationFailedV1>;
