import type { Request, Response } from 'express';
import type { IntrospectionRequest } from '@ciba/contracts/api/introspection';
import type { TokenContext } from '../../context.ts';
import { clientOf } from '../token/client-of.ts';
import { describeToken } from './describe-token.ts';

/** Answers the token's description (RFC 7662 §2.2); `no-store` is already set. */
export function introspectionResponse(ctx: TokenContext) {
  return async (_req: Request, res: Response) => {
    const { token, token_type_hint: hint } = res.locals.tokenRequest as IntrospectionRequest;
    res.status(200).json(await describeToken(ctx, token, hint, clientOf(res).client_id));
  };
}
