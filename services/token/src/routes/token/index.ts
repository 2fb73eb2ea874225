import type { RequestHandler } from 'express';
import { formBody } from '@ciba/service-kit';
import type { TokenContext } from '../../context.ts';
import { authenticateClient } from './authenticate-client.ts';
import { checkClientGrant } from './check-client-grant.ts';
import { checkDpopProof } from './check-dpop-proof.ts';
import { checkGrantParameters } from './check-grant-parameters.ts';
import { executeGrant } from './execute-grant.ts';
import { loadGrantType } from './load-grant-type.ts';
import { noStore } from './no-store.ts';

/** POST /token (RFC 6749 §3.2, CIBA Core §10.1): the steps in protocol order. */
export function tokenEndpoint(ctx: TokenContext): RequestHandler[] {
  return [
    noStore,
    formBody(),
    authenticateClient(ctx, '/token'),
    loadGrantType,
    checkClientGrant,
    checkGrantParameters,
    checkDpopProof(ctx),
    executeGrant(ctx),
  ];
}
