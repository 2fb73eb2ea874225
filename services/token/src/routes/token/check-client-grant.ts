import type { NextFunction, Request, Response } from 'express';
import { UnauthorizedClient } from '@ciba/contracts/oauth-errors';
import { clientOf } from './client-of.ts';
import { grantOf } from './grant-of.ts';

/** The client must be registered for the grant type it uses (RFC 6749 §5.2 `unauthorized_client`). */
export function checkClientGrant(_req: Request, res: Response, next: NextFunction): void {
  const { grantType } = grantOf(res);
  if (!clientOf(res).grant_types.includes(grantType)) {
    throw new UnauthorizedClient(`the client is not registered for grant_type ${grantType}`);
  }
  next();
}
