import { InvalidRequest, InvalidScope } from '@ciba/contracts/oauth-errors';
import { grantScope } from '../../domain/grant-scope.ts';
import type { BackchannelStep } from './context.ts';
import { settled } from './settled.ts';

/**
 * `scope` is REQUIRED and MUST contain `openid` (CIBA Core §7.1); values this server does not
 * support, or the client did not register, are dropped.
 */
export const checkScope: BackchannelStep = (ctx) => {
  const client = settled(ctx.client, 'client');
  const requested = ctx.params.scope;
  if (requested === undefined) throw new InvalidRequest('missing required parameter scope');
  if (!requested.split(' ').includes('openid')) throw new InvalidScope('scope must contain openid');
  ctx.scope = grantScope(requested, client.scope).join(' ');
};
