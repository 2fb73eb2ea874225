import { randomToken, sha256 } from '@ciba/service-kit';

/** Bytes of randomness in an `auth_req_id`: 256 bits, above CIBA Core §7.3's 160-bit recommendation. */
export const AUTH_REQ_ID_BYTES = 32;

/** A fresh `auth_req_id` (base64url, 43 characters) and the SHA-256 under which it is stored. */
export function issueAuthReqId(): { authReqId: string; authReqIdHash: string } {
  const authReqId = randomToken(AUTH_REQ_ID_BYTES);
  return { authReqId, authReqIdHash: sha256(authReqId) };
}
