import type { ClientView } from '@ciba/contracts';
import { AccessDenied, ExpiredToken, InvalidGrant, UnauthorizedClient } from '@ciba/contracts/oauth-errors';
import type { CibaGrant } from './ciba-grant.ts';

/**
 * The rules of a CIBA token request (CIBA Core §10.1, §11), in order. Throws the spec's error, or
 * says whether the grant awaits the user (`pending`: poll bookkeeping next) or can be redeemed.
 * Unknown and other clients' requests answer alike, so a client cannot probe for others' ids.
 */
export function checkCibaGrant(grant: CibaGrant | null, client: ClientView, now: Date): 'pending' | 'approved' {
  if (!grant || grant.clientId !== client.client_id) throw new InvalidGrant('auth_req_id is unknown');
  if (grant.deliveryMode === 'push' || client.backchannel_token_delivery_mode === 'push') {
    throw new UnauthorizedClient('push mode clients receive tokens at their notification endpoint and do not poll');
  }
  if (grant.status === 'redeemed') throw new InvalidGrant('auth_req_id has already been redeemed');
  if (grant.status === 'expired' || grant.expiresAt.getTime() <= now.getTime()) throw new ExpiredToken('auth_req_id has expired');
  if (grant.status === 'denied') throw new AccessDenied('the end-user denied the authorization request');
  return grant.status;
}
