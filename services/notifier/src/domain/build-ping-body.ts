/**
 * The ping callback body (CIBA Core §10.2): the `auth_req_id` and nothing else, whatever the outcome;
 * the client then learns it at the token endpoint.
 */
export function buildPingBody(authReqId: string): { auth_req_id: string } {
  return { auth_req_id: authReqId };
}
