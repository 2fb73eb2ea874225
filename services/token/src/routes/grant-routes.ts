import { Router } from 'express';
import type { TokenContext } from '../context.ts';
import { introspectionEndpoint } from './introspect/index.ts';
import { revocationEndpoint } from './revoke/index.ts';
import { tokenEndpoint } from './token/index.ts';
import { userinfoEndpoint } from './userinfo/index.ts';

/**
 * The token service's grant endpoints: POST /token, GET|POST /userinfo, POST /introspect and
 * POST /revoke. Errors go to the service's error middleware.
 */
export function grantRoutes(ctx: TokenContext): Router {
  const router = Router();
  const userinfo = userinfoEndpoint(ctx);
  router.post('/token', ...tokenEndpoint(ctx));
  router.get('/userinfo', ...userinfo.get);
  router.post('/userinfo', ...userinfo.post);
  router.post('/introspect', ...introspectionEndpoint(ctx));
  router.post('/revoke', ...revocationEndpoint(ctx));
  return router;
}
