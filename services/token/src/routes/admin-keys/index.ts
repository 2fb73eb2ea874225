import { Router } from 'express';
import { ADMIN_KEYS_PATH, ADMIN_KEYS_ROTATE_PATH } from '@ciba/contracts/api/admin-keys';
import { requireAdmin } from '@ciba/service-kit';
import type { TokenContext } from '../../context.ts';
import { listKeys } from './list-keys.ts';
import { readRotateBody } from './read-rotate-body.ts';
import { rotateKeys } from './rotate-keys.ts';

/** The operator keys API: `GET /admin/keys`, `POST /admin/keys/rotate`, behind `ADMIN_TOKEN`. */
export function adminKeyRoutes(ctx: TokenContext): Router {
  const router = Router();
  router.use('/admin', requireAdmin(ctx.config.adminToken));
  router.get(ADMIN_KEYS_PATH, listKeys(ctx));
  router.post(ADMIN_KEYS_ROTATE_PATH, readRotateBody(), rotateKeys(ctx));
  return router;
}
