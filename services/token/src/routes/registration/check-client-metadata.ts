import type { NextFunction, Request, Response } from 'express';
import type { TokenContext } from '../../context.ts';
import { validateClientMetadata } from '../../domain/clients/validate-client-metadata.ts';

/** Validates the metadata and applies the defaults; `invalid_client_metadata` otherwise (RFC 7591 §3.2.2). */
export const checkClientMetadata = (ctx: TokenContext) => async (req: Request, res: Response, next: NextFunction) => {
  res.locals.metadata = await validateClientMetadata(req.body, ctx.config.production, { mtls: ctx.config.mtls !== undefined, clientSecretJwt: ctx.config.clientSecretKey !== undefined });
  next();
};
