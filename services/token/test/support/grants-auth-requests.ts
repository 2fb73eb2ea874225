import type { AuthRequestsPort, AuthRequestView } from '@ciba/contracts';

export interface GrantsAuthRequests extends AuthRequestsPort {
  /** What auth-endpoint has accepted (its table, in this test). */
  add(request: AuthRequestView): void;
  calls: string[];
}

/** A small in-test auth-requests port answering from a map. */
export function grantsAuthRequests(): GrantsAuthRequests {
  const requests = new Map<string, AuthRequestView>();
  const calls: string[] = [];
  return {
    calls,
    add(request) {
      requests.set(request.request_id, request);
    },
    async findByAuthReqIdHash(hash) {
      calls.push(`findByAuthReqIdHash`);
      return [...requests.values()].find((r) => r.auth_req_id_hash === hash) ?? null;
    },
    async findByRequestId(requestId) {
      calls.push(`findByRequestId`);
      return requests.get(requestId) ?? null;
    },
    async getNotificationTarget() {
      return null;
    },
  };
}
