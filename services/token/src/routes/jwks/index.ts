import { Router } from 'express';
import type { TokenContext } from '../../context.ts';

/** `GET /jwks`: the public signing keys (RFC 7517 §5), each with `kid`, `alg` and `use: sig`. */
export function jwksRoutes(ctx: TokenContext): Router {
  const router = Router();
  router.get('/jwks', (_req, res) => {
    res.type('application/jwk-set+json').set('Cache-Control', 'public, max-age=300').json(ctx.keys.jwks());
  });
  return router;
}
