import type { Request, Response } from 'express';
import type { AdminUserResponse } from '@ciba/contracts/api/admin-users';
import type { UserRecord } from '../../domain/users/user-record.ts';

/** 200 with the stored user: hints, claims, channels and whether it has a user code (never the code). */
export const userResponse = () => (_req: Request, res: Response) => {
  const user = res.locals.user as UserRecord;
  const body: AdminUserResponse = {
    sub: user.sub,
    login_hints: [...user.loginHints].sort(),
    claims: user.claims,
    channels: user.channels,
    has_user_code: user.userCodeHash !== null,
  };
  res.status(200).set({ 'Cache-Control': 'no-store', Pragma: 'no-cache' }).json(body);
};
