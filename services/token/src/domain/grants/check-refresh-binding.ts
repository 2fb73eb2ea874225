import { InvalidDpopProof, InvalidGrant } from '@ciba/contracts/oauth-errors';
import type { RefreshTokenRecord } from './refresh-token-record.ts';

/**
 * A DPoP-bound refresh token is used only with a proof by the key it is bound to (RFC 9449 §5): no
 * proof is `invalid_dpop_proof`, another key `invalid_grant` (the grant is not the presenter's). An
 * unbound token needs no proof.
 */
export function checkRefreshBinding(record: RefreshTokenRecord, proofJkt: string | undefined): void {
  if (!record.dpopJkt) return;
  if (proofJkt === undefined) throw new InvalidDpopProof('a DPoP proof is required: refresh_token is DPoP-bound');
  if (proofJkt !== record.dpopJkt) throw new InvalidGrant('refresh_token is bound to another DPoP key');
}
