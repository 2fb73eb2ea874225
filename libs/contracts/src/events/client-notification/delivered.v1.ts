import { z } from 'zod';
import { envelopeOf } from '../../envelope.ts';
import { clientNotificationData } from './notification-data.ts';

export const CLIENT_NOTIFICATION_DELIVERED_V1 = 'ciba.client_notification.delivered.v1' as const;

/** The client's notification endpoint accepted a ping or push (2xx). */
export const clientNotificationDeliveredV1 = envelopeOf(
  CLIENT_NOTIFICATION_DELIVERED_V1,
  clientNotificationData.extend({ latency_ms: z.number().int().nonnegative() }),
);
export type ClientNotificationDeliveredV1 = z.infer<typeof clientNotificationDeliveredV1>;
