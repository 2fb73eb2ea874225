import type { AuthRequestView, AuthRequestsPort } from '@ciba/contracts';
import { sha256 } from '@ciba/service-kit';

/** The auth-requests port as the operator view uses it: requests registered by `auth_req_id`. */
export class TestAuthRequests {
  private readonly byHash = new Map<string, AuthRequestView>();

  /** Makes `authReqId` resolve to `requestId`. */
  add(authReqId: string, requestId: string): void {
    const now = new Date().toISOString();
    this.byHash.set(sha256(authReqId), {
      request_id: requestId,
      auth_req_id_hash: sha256(authReqId),
      client_id: 'client-1',
      sub: 'someone',
      scope: 'openid',
      delivery_mode: 'poll',
      interval: 5,
      expires_at: now,
      requested_at: now,
    });
  }

  port(): Pick<AuthRequestsPort, 'findByAuthReqIdHash'> {
    return { findByAuthReqIdHash: async (hash) => this.byHash.get(hash) ?? null };
  }
}
