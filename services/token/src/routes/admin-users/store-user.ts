import type { NextFunction, Request, Response } from 'express';
import { Conflict } from '@ciba/contracts/oauth-errors';
import { userRepository } from '../../adapters/db/user-repository.ts';
import type { TokenContext } from '../../context.ts';
import { adminChangedEvent } from '../../events/admin-changed-event.ts';
import type { UserRecord } from '../../domain/users/user-record.ts';

/** Creates or replaces the user atomically; a login hint another user holds answers 409 `conflict`. */
export const storeUser = (ctx: TokenContext) => {
  const users = userRepository(ctx.db, ctx.pool);
  return async (req: Request, res: Response, next: NextFunction) => {
    const user = res.locals.user as UserRecord;
    if ((await users.replace(user, adminChangedEvent(req, 'user.stored', user.sub))) === 'conflict') throw new Conflict('a login hint is already held by another user');
    ctx.logger.info({ sub: user.sub }, 'user stored');
    next();
  };
};
