import type { NextFunction, Request, Response } from 'express';
import { NotFound } from '@ciba/contracts/oauth-errors';
import { userRepository } from '../../adapters/db/user-repository.ts';
import type { TokenContext } from '../../context.ts';

/** The stored user of `{sub}` into `res.locals.user`; 404 `not_found` when unknown. */
export const loadUser = (ctx: TokenContext) => {
  const users = userRepository(ctx.db, ctx.pool);
  return async (_req: Request, res: Response, next: NextFunction) => {
    const user = await users.findBySub(res.locals.sub as string);
    if (!user) throw new NotFound('no such user');
    res.locals.user = user;
    next();
  };
};
