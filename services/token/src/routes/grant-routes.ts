import { Router, type RequestHandler } from 'express';
import { endpoint } from '@ciba/service-kit';
import type { TokenContext } from '../context.ts';
import { introspectionEndpoint } from './introspect/index.ts';
import { revocationEndpoint } from './revoke/index.ts';
import { tokenEndpoint } from './token/index.ts';
import { userinfoEndpoint } from './userinfo/index.ts';

/**
 * The token service's grant endpoints: POST /token, GET|POST /userinfo, POST /introspect and
 * POST /revoke, each its steps in one handler (`endpoint`) that answers their OAuth errors; other
 * errors go to the service's error middleware. `token` is the /token handler, when the service has
 * built it already to index it among its hot routes.
 */
export function grantRoutes(ctx: TokenContext, token: RequestHandler = tokenHandler(ctx)): Router {
  const router = Router();
  const userinfo = userinfoEndpoint(ctx);
  router.post('/token', token);
  router.get('/userinfo', endpoint(...userinfo.get));
  router.post('/userinfo', endpoint(...userinfo.post));
  router.post('/introspect', endpoint(...introspectionEndpoint(ctx)));
  router.post('/revoke', endpoint(...revocationEndpoint(ctx)));
  return router;
}

/** POST /token's steps as one handler. */
export function tokenHandler(ctx: TokenContext): RequestHandler {
  return endpoint(...tokenEndpoint(ctx));
}
