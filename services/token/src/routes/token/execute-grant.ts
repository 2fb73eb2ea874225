import type { Request, Response } from 'express';
import { sendJson } from '@ciba/service-kit';
import type { TokenContext } from '../../context.ts';
import { clientOf } from './client-of.ts';
import { grantOf } from './grant-of.ts';

/** Runs the grant and answers its tokens (RFC 6749 §5.1), bound to `res.locals.cnf` when set; `no-store` is already set. */
export function executeGrant(ctx: TokenContext) {
  return async (_req: Request, res: Response) => {
    const tokens = await grantOf(res).handler(ctx, { client: clientOf(res), params: res.locals.params, cnf: res.locals.cnf });
    sendJson(res, 200, tokens);
  };
}
