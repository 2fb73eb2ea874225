import type { AuthRequestsPort } from '@ciba/contracts';
import { sha256 } from '../crypto/sha256.ts';

/**
 * The internal `request_id` of the request a client knows by `authReqId`, or null when none has it.
 * auth-endpoint never stores an `auth_req_id` in clear, only its SHA-256 (base64url, as `sha256`
 * makes it), so the look-up goes by that hash through the auth-requests port.
 */
export async function requestIdOfAuthReqId(authRequests: Pick<AuthRequestsPort, 'findByAuthReqIdHash'>, authReqId: string): Promise<string | null> {
  const request = await authRequests.findByAuthReqIdHash(sha256(authReqId));
  return request?.request_id ?? null;
}
