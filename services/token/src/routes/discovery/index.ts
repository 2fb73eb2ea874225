import { Router } from 'express';
import { DISCOVERY_PATH } from '@ciba/contracts/api/discovery';
import type { TokenContext } from '../../context.ts';
import { buildProviderMetadata } from './build-provider-metadata.ts';

/**
 * `GET /.well-known/openid-configuration` (OpenID Connect Discovery 1.0 §4).
 * @see https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderConfig
 */
export function discoveryRoutes(ctx: TokenContext): Router {
  const router = Router();
  const metadata = buildProviderMetadata(ctx.config);
  router.get(DISCOVERY_PATH, (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300').json(metadata);
  });
  return router;
}
