import { Router } from 'express';
import type { AuthRequestsPort } from '@ciba/contracts';
import { requestIdFromPath, requestIdFromQuery, requireAdmin } from '@ciba/service-kit';
import type { NotificationStore } from '../../domain/notification-store.ts';
import { loadNotification } from './load-notification.ts';
import { notificationResponse } from './notification-response.ts';

export interface AdminNotificationDeps {
  adminToken: string;
  store: Pick<NotificationStore, 'find' | 'attempts'>;
  /** Resolves an `auth_req_id` (by its hash) to the request's internal id (owner: auth-endpoint). */
  authRequests: Pick<AuthRequestsPort, 'findByAuthReqIdHash'>;
}

/**
 * Operators (`Authorization: Bearer <ADMIN_TOKEN>`) see the notification of a request and every
 * attempt, with status codes and latencies; no token, URL or secret:
 * - `GET /admin/notifications?auth_req_id=<auth_req_id>`: by the id the client was given (400 without
 *   it, 404 for an unknown one);
 * - `GET /admin/notifications/{request_id}`: by the internal id (the events' `subject`, the logs).
 * 401 without the admin token, 404 for a request without a notification.
 */
export function adminNotificationRoutes(deps: AdminNotificationDeps): Router {
  const router = Router();
  const steps = [loadNotification(deps.store), notificationResponse(deps.store)];
  router.get('/admin/notifications', requireAdmin(deps.adminToken), requestIdFromQuery(deps.authRequests), ...steps);
  router.get('/admin/notifications/:request_id', requireAdmin(deps.adminToken), requestIdFromPath, ...steps);
  return router;
}
