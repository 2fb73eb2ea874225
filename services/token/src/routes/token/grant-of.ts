import type { Response } from 'express';
import type { GrantModule } from './grants/grant-module.ts';

/** The grant module `loadGrantType` put on the response. */
export function grantOf(res: Response): GrantModule {
  const grant = res.locals.grant as GrantModule | undefined;
  if (!grant) throw new Error('grant type step is missing from this route');
  return grant;
}
