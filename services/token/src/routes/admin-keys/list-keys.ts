import type { Request, Response } from 'express';
import type { TokenContext } from '../../context.ts';

/** 200 with every signing key and where it is in its life; no private material. */
export const listKeys = (ctx: TokenContext) => (_req: Request, res: Response) => {
  res.status(200).set({ 'Cache-Control': 'no-store' }).json({ keys: ctx.keys.describe() });
};
