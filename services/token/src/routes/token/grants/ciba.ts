import { CIBA_GRANT_TYPE } from '@ciba/contracts';
import { cibaTokenRequest, type CibaTokenRequest } from '@ciba/contracts/api/token';
import { AuthorizationPending } from '@ciba/contracts/oauth-errors';
import { sha256 } from '@ciba/service-kit';
import { checkCibaGrant } from '../../../domain/grants/check-ciba-grant.ts';
import { loadCibaGrant } from './ciba/load-ciba-grant.ts';
import { pollPendingGrant } from './ciba/poll-pending-grant.ts';
import { redeemCibaGrant } from './ciba/redeem-ciba-grant.ts';
import type { GrantModule } from './grant-module.ts';

/** A pending grant decided between the look and the poll is looked at again, this many times. */
const MAX_LOOKS = 3;

/**
 * `urn:openid:params:grant-type:ciba` (CIBA Core §10.1, §11) for poll and ping clients: the grant's
 * rules in order, poll bookkeeping while pending, one redemption once approved.
 */
export const cibaGrant: GrantModule<CibaTokenRequest> = {
  grantType: CIBA_GRANT_TYPE,
  parameters: cibaTokenRequest,
  async handler(ctx, { client, params }) {
    const authReqIdHash = sha256(params.auth_req_id);
    for (let look = 0; look < MAX_LOOKS; look += 1) {
      const now = new Date();
      const grant = await loadCibaGrant(ctx, authReqIdHash);
      if (checkCibaGrant(grant, client, now) === 'approved') return redeemCibaGrant(ctx, grant!, client, now);
      await pollPendingGrant(ctx, authReqIdHash, now);
    }
    throw new AuthorizationPending();
  },
};
