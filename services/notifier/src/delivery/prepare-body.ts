import type { NotificationTarget } from '@ciba/contracts';
import type { ClientNotification } from '../domain/client-notification.ts';
import { buildPingBody } from '../domain/build-ping-body.ts';
import { buildPushErrorBody } from '../domain/build-push-error-body.ts';
import { buildPushTokenBody } from '../domain/build-push-token-body.ts';
import { awaitSettledDecision } from './await-settled-decision.ts';
import type { DeliveryDeps } from './delivery-deps.ts';
import type { PreparedBody } from './prepared-body.ts';

/**
 * Builds the callback of one attempt. Ping (CIBA Core §10.2): `{ auth_req_id }` for every outcome, once
 * the token endpoint knows the decision. Push (§10.3, §12): `access_denied` or `expired_token` errors;
 * an approval gets freshly issued tokens (each attempt revokes the previous attempt's set), or
 * `transaction_failed` when the token service refuses for good, or still cannot issue on the last run.
 */
export async function prepareBody(deps: DeliveryDeps, n: ClientNotification, target: NotificationTarget, final: boolean): Promise<PreparedBody> {
  const authReqId = target.auth_req_id;
  const mustSettle = n.outcome === 'approved' || (n.mode === 'ping' && n.outcome === 'denied');
  if (mustSettle && !(await awaitSettledDecision(deps, n.requestId)) && !final) return { kind: 'not_ready', errorCode: 'decision_not_settled' };

  if (n.mode === 'ping') return { kind: 'send', body: buildPingBody(authReqId), told: n.outcome, carriesTokens: false };
  if (n.outcome === 'denied') return { kind: 'send', body: buildPushErrorBody(authReqId, 'access_denied'), told: 'denied', carriesTokens: false };
  if (n.outcome === 'expired') return { kind: 'send', body: buildPushErrorBody(authReqId, 'expired_token'), told: 'expired', carriesTokens: false };

  const failed = { kind: 'send', body: buildPushErrorBody(authReqId, 'transaction_failed'), told: 'failed', carriesTokens: false } as const;
  try {
    const tokens = await deps.tokenIssuer.issuePushTokens(n.requestId, authReqId);
    if (tokens) return { kind: 'send', body: buildPushTokenBody(authReqId, tokens), told: 'approved', carriesTokens: true };
    deps.logger.warn({ request_id: n.requestId, client_id: n.clientId }, 'token service refused the push tokens: sending transaction_failed');
    return failed;
  } catch (err) {
    deps.logger.warn({ err, request_id: n.requestId, client_id: n.clientId, final }, 'push tokens could not be issued');
    return final ? failed : { kind: 'not_ready', errorCode: 'tokens_unavailable' };
  }
}
