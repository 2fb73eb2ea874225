import type { Request, Response } from 'express';
import type { RotateKeysRequest } from '@ciba/contracts/api/admin-keys';
import { Conflict } from '@ciba/contracts/oauth-errors';
import { KeyNotReadyError } from '../../domain/keys/key-not-ready-error.ts';
import { outboxData } from '../../adapters/db/outbox-data.ts';
import type { TokenContext } from '../../context.ts';
import { adminChangedEvent } from '../../events/admin-changed-event.ts';

/** Rotates the signing keys (see `LoadableSigningKeys.rotate`); 409 while the next key is too new, unless forced. */
export const rotateKeys = (ctx: TokenContext) => async (req: Request, res: Response) => {
  const request = res.locals.rotate as RotateKeysRequest;
  try {
    const rotations = await ctx.keys.rotate({ ...(request.alg ? { alg: request.alg } : {}), force: request.force === true });
    ctx.logger.info({ rotations, forced: request.force === true }, 'signing keys rotated');
    await ctx.db.outboxEvent.createMany({ data: rotations.map((rotation) => outboxData(adminChangedEvent(req, 'keys.rotated', rotation.alg))) });
    res.status(200).set({ 'Cache-Control': 'no-store' }).json({ rotations });
  } catch (err) {
    if (err instanceof KeyNotReadyError) throw new Conflict(`the next ${err.alg} key may sign from ${err.readyAt.toISOString()}; send {"force": true} to rotate now`);
    throw err;
  }
};
