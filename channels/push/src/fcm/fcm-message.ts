import type { ChannelDelivery } from '@ciba/contracts';
import { promptData } from '../prompt-data.ts';

/**
 * The body of `messages:send` for one app instance: a data message (the app decides how to show it)
 * carrying the prompt's fields, sent at high priority on Android and APNs priority 10 on Apple
 * platforms, so a sleeping device wakes for it.
 *
 * @see https://firebase.google.com/docs/reference/fcm/rest/v1/projects.messages
 */
export function fcmMessage(token: string, delivery: ChannelDelivery) {
  return {
    message: {
      token,
      data: promptData(delivery),
      android: { priority: 'high' as const },
      apns: { headers: { 'apns-priority': '10' } },
    },
  };
}
