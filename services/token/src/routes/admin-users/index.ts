import { Router } from 'express';
import { ADMIN_USERS_PATH } from '@ciba/contracts/api/admin-users';
import { jsonBody, requireAdmin } from '@ciba/service-kit';
import type { TokenContext } from '../../context.ts';
import { checkSub } from './check-sub.ts';
import { checkUserBody } from './check-user-body.ts';
import { deleteUser } from './delete-user.ts';
import { loadUser } from './load-user.ts';
import { storeUser } from './store-user.ts';
import { userResponse } from './user-response.ts';

/** The operator users API (interfaces.md §3): `PUT|GET|DELETE /admin/users/{sub}` behind `ADMIN_TOKEN`. */
export function adminUserRoutes(ctx: TokenContext): Router {
  const router = Router();
  router.use('/admin', requireAdmin(ctx.config.adminToken));
  const path = `${ADMIN_USERS_PATH}/:sub`;
  router.put(path, checkSub(), jsonBody(), checkUserBody(ctx), storeUser(ctx), userResponse());
  router.get(path, checkSub(), loadUser(ctx), userResponse());
  router.delete(path, checkSub(), deleteUser(ctx));
  return router;
}
