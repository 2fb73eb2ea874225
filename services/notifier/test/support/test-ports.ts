import { sha256 } from '@ciba/service-kit';
import type { AuthRequestsPort, AuthRequestView, ClientView, DirectoryPort, NotificationTarget, PushTokenSet, TokenIssuerPort } from '@ciba/contracts';

/** In-test owners of the ports the notifier asks: requests' targets, clients' endpoints, push tokens. */
export class TestPorts {
  readonly targets = new Map<string, NotificationTarget>();
  readonly endpoints = new Map<string, string>();
  /** Every set `issuePushTokens` answered, per request, in order. */
  readonly issued = new Map<string, PushTokenSet[]>();
  readonly revoked: string[] = [];
  /** Answer of `issuePushTokens` for a request: `null` refuses, an Error throws; default: a fresh set. */
  readonly issueAnswers = new Map<string, null | Error>();
  /** Requests the token service does not know the decision of yet. */
  readonly unsettled = new Set<string>();

  authRequests(): Pick<AuthRequestsPort, 'getNotificationTarget' | 'findByAuthReqIdHash'> {
    return {
      getNotificationTarget: async (requestId) => this.targets.get(requestId) ?? null,
      // As auth-endpoint answers it: the request whose auth_req_id hashes (SHA-256, base64url) to the value.
      findByAuthReqIdHash: async (hash) => {
        const found = [...this.targets].find(([, target]) => sha256(target.auth_req_id) === hash);
        return found ? requestView(found[0], found[1]) : null;
      },
    };
  }

  directory(): Pick<DirectoryPort, 'getClient'> {
    return {
      getClient: async (clientId): Promise<ClientView | null> => {
        const endpoint = this.endpoints.get(clientId);
        if (endpoint === undefined) return null;
        return {
          client_id: clientId,
          grant_types: ['urn:openid:params:grant-type:ciba'],
          token_endpoint_auth_method: 'client_secret_basic',
          backchannel_token_delivery_mode: 'ping',
          backchannel_client_notification_endpoint: endpoint,
          backchannel_user_code_parameter: false,
          id_token_signed_response_alg: 'RS256',
        };
      },
    };
  }

  tokenIssuer(): TokenIssuerPort {
    return {
      issuePushTokens: async (requestId, authReqId) => {
        const answer = this.issueAnswers.get(requestId);
        if (answer instanceof Error) throw answer;
        if (answer === null) return null;
        const sets = this.issued.get(requestId) ?? [];
        const n = sets.length + 1;
        const set: PushTokenSet = { access_token: `at-${n}-${authReqId}`, token_type: 'Bearer', expires_in: 600, refresh_token: `rt-${n}-${authReqId}`, id_token: `idt-${n}-${authReqId}`, scope: 'openid' };
        this.issued.set(requestId, [...sets, set]);
        return set;
      },
      revokePushTokens: async (requestId) => {
        this.revoked.push(requestId);
        return this.issued.has(requestId);
      },
      isDecisionSettled: async (requestId) => !this.unsettled.has(requestId),
    };
  }
}

function requestView(requestId: string, target: NotificationTarget): AuthRequestView {
  const now = new Date();
  return {
    request_id: requestId,
    auth_req_id_hash: sha256(target.auth_req_id),
    client_id: target.client_id,
    sub: 'alice',
    scope: 'openid',
    delivery_mode: target.delivery_mode,
    interval: 5,
    expires_at: new Date(now.getTime() + 600_000).toISOString(),
    requested_at: now.toISOString(),
  };
}
