import { AUTH_REQUEST_CREATED_V1, TOPICS } from '@ciba/contracts';
import { newEvent, outboxRecord } from '@ciba/event-bus';
import { flowMetrics } from '@ciba/metrics';
import type { AuthRequest } from '../../domain/auth-request.ts';
import { issueAuthReqId } from '../../domain/issue-auth-req-id.ts';
import { toAuthRequestView } from '../../auth-requests/to-auth-request-view.ts';
import type { BackchannelStep } from './context.ts';
import { settled } from './settled.ts';

const TRACEPARENT = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

/**
 * Issues the `auth_req_id` (256 bits, CIBA Core §7.3) and stores the request, by the id's hash, with
 * its `ciba.auth_request.created.v1` outbox record in one statement. A ping or push request also
 * keeps the id itself: its callback carries it (§10.2, §10.3).
 */
export const persistRequest: BackchannelStep = async (ctx) => {
  const { config, repository, logger, now } = ctx.deps;
  const client = settled(ctx.client, 'client');
  const expiresIn = settled(ctx.expiresIn, 'expiresIn');
  const requestedAt = now();
  const { authReqId, authReqIdHash } = issueAuthReqId();
  const deliveryMode = settled(ctx.deliveryMode, 'deliveryMode');
  const request: AuthRequest = {
    requestId: settled(ctx.requestId, 'requestId'),
    authReqIdHash,
    ...(deliveryMode === 'poll' ? {} : { authReqId }),
    clientId: client.client_id,
    sub: settled(ctx.user, 'user').sub,
    scope: settled(ctx.scope, 'scope'),
    acrValues: ctx.params.acr_values,
    bindingMessage: ctx.params.binding_message,
    deliveryMode,
    interval: config.defaultInterval,
    requestedExpiry: ctx.requestedExpiry,
    requestedAt,
    expiresAt: new Date(requestedAt.getTime() + expiresIn * 1000),
    clientNotificationToken: ctx.clientNotificationToken,
  };
  const traceparent = ctx.req.headers.traceparent;
  const event = newEvent(TOPICS.authRequests, {
    type: AUTH_REQUEST_CREATED_V1,
    source: '/services/auth-endpoint',
    subject: request.requestId,
    time: requestedAt,
    ...(typeof traceparent === 'string' && TRACEPARENT.test(traceparent) ? { traceparent } : {}),
    // The created event carries exactly what other services may know of the request.
    data: toAuthRequestView(request),
  });
  await repository.create(request, outboxRecord(TOPICS.authRequests, event));
  flowMetrics.outcome('requested');
  logger.debug({ request_id: request.requestId, client_id: request.clientId, delivery_mode: request.deliveryMode }, 'backchannel authentication request accepted');
  ctx.result = { authReqId, expiresIn, ...(request.deliveryMode === 'push' ? {} : { interval: request.interval }) };
};
