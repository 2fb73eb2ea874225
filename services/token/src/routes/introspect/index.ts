import type { RequestHandler } from 'express';
import { formBody } from '@ciba/service-kit';
import type { TokenContext } from '../../context.ts';
import { authenticateClient } from '../token/authenticate-client.ts';
import { noStore } from '../token/no-store.ts';
import { introspectionResponse } from './introspection-response.ts';
import { requireToken } from './require-token.ts';

/** POST /introspect (RFC 7662): authenticated clients learn about their own tokens. */
export function introspectionEndpoint(ctx: TokenContext): RequestHandler[] {
  return [noStore, formBody(), authenticateClient(ctx, '/introspect'), requireToken, introspectionResponse(ctx)];
}
