import type { PushTokenSet } from '@ciba/contracts';

/**
 * The successful push body (CIBA Core §10.3.1): the token response plus the `auth_req_id`. Built at
 * delivery time and sent at once; never stored, queued or logged.
 */
export function buildPushTokenBody(authReqId: string, tokens: PushTokenSet): PushTokenSet & { auth_req_id: string } {
  return { auth_req_id: authReqId, ...tokens };
}
