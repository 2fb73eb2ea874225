import type { NextFunction, Request, Response } from 'express';
import { putUserRequest } from '@ciba/contracts/api/admin-users';
import { InvalidRequest } from '@ciba/contracts/oauth-errors';
import { hashLowEntropySecret } from '@ciba/service-kit';
import type { TokenContext } from '../../context.ts';
import { checkUserChannels } from '../../domain/users/check-user-channels.ts';
import type { UserRecord } from '../../domain/users/user-record.ts';

/** Validates a `PUT` body and builds the user to store; the user code is hashed here (scrypt). */
export const checkUserBody = (ctx: TokenContext) => async (req: Request, res: Response, next: NextFunction) => {
  if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) throw new InvalidRequest('request body must be a JSON object');
  const parsed = putUserRequest.safeParse(req.body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InvalidRequest(`${issue.path.map(String).join('.') || 'body'} is invalid: ${issue.message.toLowerCase()}`);
  }
  const problem = checkUserChannels(parsed.data.channels, ctx.config.production);
  if (problem) throw new InvalidRequest(problem);
  const { sub: _ignored, ...claims } = parsed.data.claims;
  const user: UserRecord = {
    sub: res.locals.sub as string,
    loginHints: [...new Set(parsed.data.login_hints)],
    claims,
    channels: parsed.data.channels,
    userCodeHash: parsed.data.user_code === undefined ? null : await hashLowEntropySecret(parsed.data.user_code),
  };
  res.locals.user = user;
  next();
};
