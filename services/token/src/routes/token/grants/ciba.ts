import { CIBA_GRANT_TYPE } from '@ciba/contracts';
import { cibaTokenRequest, type CibaTokenRequest } from '@ciba/contracts/api/token';
import { AuthorizationPending } from '@ciba/contracts/oauth-errors';
import { sha256, withinStoredTrace } from '@ciba/service-kit';
import { checkCibaGrant } from '../../../domain/grants/check-ciba-grant.ts';
import { answerAtPollFront } from './ciba/answer-at-poll-front.ts';
import { checkPollBounds } from './ciba/check-poll-bounds.ts';
import { loadCibaGrant } from './ciba/load-ciba-grant.ts';
import { pollPendingGrant } from './ciba/poll-pending-grant.ts';
import { redeemCibaGrant } from './ciba/redeem-ciba-grant.ts';
import type { GrantModule } from './grant-module.ts';

/** A pending grant decided between the look and the poll is looked at again, this many times. */
const MAX_LOOKS = 3;

/**
 * `urn:openid:params:grant-type:ciba` (CIBA Core §10.1, §11) for poll and ping clients: the client's
 * polling bounds first (rate, penalty) and a pending grant's poll answered from the poll cache when it
 * can be, in one round trip to Redis; otherwise the grant's rules in order, poll bookkeeping while pending, one redemption once
 * approved. A poll that reaches the grant runs in the auth request's trace (`withinStoredTrace`: a
 * child of the context stored with the grant, linked to this request's own span), so the redemption
 * and its `tokens.issued` event continue it.
 */
export const cibaGrant: GrantModule<CibaTokenRequest> = {
  grantType: CIBA_GRANT_TYPE,
  parameters: cibaTokenRequest,
  async handler(ctx, { client, params, cnf }) {
    const authReqIdHash = sha256(params.auth_req_id);
    // Push clients never poll (§10.3): theirs take the database path and its error, past the bounds.
    if (client.backchannel_token_delivery_mode === 'push') await checkPollBounds(ctx, client);
    else await answerAtPollFront(ctx, authReqIdHash, client);
    for (let look = 0; look < MAX_LOOKS; look += 1) {
      const now = new Date();
      const grant = await loadCibaGrant(ctx, authReqIdHash);
      const name = grant?.status === 'approved' ? 'ciba.token.redeem' : 'ciba.token.poll';
      // Only the grant's own client joins its trace (or learns its internal id from a span).
      const own = grant?.clientId === client.client_id ? grant : undefined;
      const attributes = { 'ciba.client_id': client.client_id, ...(own ? { 'ciba.request_id': own.requestId } : {}) };
      const redeemed = await withinStoredTrace(own?.traceContext, name, attributes, async () => {
        if (checkCibaGrant(grant, client, now) === 'approved') return redeemCibaGrant(ctx, grant!, client, now, cnf);
        await pollPendingGrant(ctx, grant!, now);
        return undefined;
      });
      if (redeemed) return redeemed;
    }
    throw new AuthorizationPending();
  },
};
