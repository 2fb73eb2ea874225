import type { RequestHandler } from 'express';
import type { TokenContext } from '../../context.ts';
import { noStore } from '../token/no-store.ts';
import { checkDpopBinding } from './check-dpop-binding.ts';
import { checkOpenidScope } from './check-openid-scope.ts';
import { dpopChallenged } from './dpop-challenged.ts';
import { optionalFormBody } from './optional-form-body.ts';
import { readDpopAccessToken } from './read-dpop-access-token.ts';
import { userinfoResponse } from './userinfo-response.ts';
import { verifyBearerToken } from './verify-bearer-token.ts';

/** GET and POST /userinfo (OIDC Core §5.3; bearer, RFC 6750, or DPoP, RFC 9449 §7): the steps in protocol order. */
export function userinfoEndpoint(ctx: TokenContext): { get: RequestHandler[]; post: RequestHandler[] } {
  const rest = [readDpopAccessToken, ...[verifyBearerToken(ctx), checkDpopBinding(ctx), checkOpenidScope, userinfoResponse(ctx)].map(dpopChallenged)];
  return { get: [noStore, ...rest], post: [noStore, optionalFormBody, ...rest] };
}
