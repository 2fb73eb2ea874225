import type { RequestHandler } from 'express';
import { formBody } from '@ciba/service-kit';
import type { TokenContext } from '../../context.ts';
import { requireToken } from '../introspect/require-token.ts';
import { authenticateClient } from '../token/authenticate-client.ts';
import { noStore } from '../token/no-store.ts';
import { revocationResponse } from './revocation-response.ts';

/** POST /revoke (RFC 7009): authenticated clients revoke their own tokens. */
export function revocationEndpoint(ctx: TokenContext): RequestHandler[] {
  return [noStore, formBody(), authenticateClient(ctx, '/revoke'), requireToken, revocationResponse(ctx)];
}
