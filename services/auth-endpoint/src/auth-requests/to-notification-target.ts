import type { NotificationTarget } from '@ciba/contracts';
import type { AuthRequest } from '../domain/auth-request.ts';

/**
 * Where the notifier sends a ping or push (CIBA Core §10.2, §10.3): the `auth_req_id` and the client's
 * `client_notification_token`. Null for poll requests, and for ping/push rows that lack either value.
 */
export function toNotificationTarget(request: AuthRequest): NotificationTarget | null {
  if (request.deliveryMode === 'poll' || !request.authReqId || !request.clientNotificationToken) return null;
  return {
    auth_req_id: request.authReqId,
    client_notification_token: request.clientNotificationToken,
    delivery_mode: request.deliveryMode,
    client_id: request.clientId,
  };
}
