import type { Request, Response } from 'express';
import { userRepository } from '../../adapters/db/user-repository.ts';
import type { TokenContext } from '../../context.ts';
import { adminChangedEvent } from '../../events/admin-changed-event.ts';

/** Deletes the user and its login hints (they stop resolving at once); 204 whether or not it existed. */
export const deleteUser = (ctx: TokenContext) => {
  const users = userRepository(ctx.db, ctx.pool);
  return async (req: Request, res: Response) => {
    const sub = res.locals.sub as string;
    if (await users.delete(sub, adminChangedEvent(req, 'user.deleted', sub))) ctx.logger.info({ sub }, 'user deleted');
    res.status(204).set('Cache-Control', 'no-store').end();
  };
};
