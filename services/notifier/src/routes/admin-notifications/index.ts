import { Router } from 'express';
import { requireAdmin } from '@ciba/service-kit';
import type { NotificationStore } from '../../domain/notification-store.ts';
import { loadNotification } from './load-notification.ts';
import { notificationResponse } from './notification-response.ts';

export interface AdminNotificationDeps {
  adminToken: string;
  store: Pick<NotificationStore, 'find' | 'attempts'>;
}

/**
 * `GET /admin/notifications/{request_id}` (operators, `Authorization: Bearer <ADMIN_TOKEN>`): the
 * notification of a request and every attempt, with status codes and latencies; no token, URL or
 * secret. 401 without the admin token, 404 for a request without a notification.
 */
export function adminNotificationRoutes(deps: AdminNotificationDeps): Router {
  const router = Router();
  router.get('/admin/notifications/:request_id', requireAdmin(deps.adminToken), loadNotification(deps.store), notificationResponse(deps.store));
  return router;
}
