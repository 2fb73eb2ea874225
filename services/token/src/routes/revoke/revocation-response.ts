import type { Request, Response } from 'express';
import type { IntrospectionRequest } from '@ciba/contracts/api/introspection';
import type { TokenContext } from '../../context.ts';
import { clientOf } from '../token/client-of.ts';
import { revokeToken } from './revoke-token.ts';

/** Revokes, then answers 200 with no body whatever the token was (RFC 7009 §2.2). */
export function revocationResponse(ctx: TokenContext) {
  return async (_req: Request, res: Response) => {
    const { token, token_type_hint: hint } = res.locals.tokenRequest as IntrospectionRequest;
    await revokeToken(ctx, token, hint, clientOf(res).client_id);
    res.status(200).end();
  };
}
