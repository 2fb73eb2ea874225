import type { RequestHandler } from 'express';
import type { TokenContext } from '../../context.ts';
import { noStore } from '../token/no-store.ts';
import { checkCertificateBinding } from './check-certificate-binding.ts';
import { checkOpenidScope } from './check-openid-scope.ts';
import { optionalFormBody } from './optional-form-body.ts';
import { readAccessToken } from './read-access-token.ts';
import { userinfoResponse } from './userinfo-response.ts';
import { verifyBearerToken } from './verify-bearer-token.ts';

/** GET and POST /userinfo (OIDC Core §5.3): the steps in protocol order. */
export function userinfoEndpoint(ctx: TokenContext): { get: RequestHandler[]; post: RequestHandler[] } {
  const rest = [readAccessToken, verifyBearerToken(ctx), checkCertificateBinding(ctx), checkOpenidScope, userinfoResponse(ctx)];
  return { get: [noStore, ...rest], post: [noStore, optionalFormBody, ...rest] };
}
