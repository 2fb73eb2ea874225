import { Router } from 'express';
import { ADMIN_AUDIT_PATH } from '@ciba/contracts/api/admin-audit';
import { requireAdmin } from '@ciba/service-kit';
import type { AuditStore } from '../../adapters/db/audit-store.ts';
import { checkAuditQuery } from './check-audit-query.ts';
import { listRecords } from './list-records.ts';

/** `GET /admin/audit`: the trail of a user, a client or a request, newest first, behind `ADMIN_TOKEN`. */
export function adminAuditRoutes(deps: { adminToken: string; store: AuditStore; pageMax: number }): Router {
  const router = Router();
  router.use('/admin', requireAdmin(deps.adminToken));
  router.get(ADMIN_AUDIT_PATH, checkAuditQuery(deps.pageMax), listRecords(deps.store));
  return router;
}
