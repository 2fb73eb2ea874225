import type { AuthRequestCreatedV1 } from '@ciba/contracts';
import type { Logger } from '@ciba/service-kit';
import type { DeliveryQueue } from '../adapters/queue/delivery-queue.ts';
import type { InlineDeliveries } from '../delivery/inline-deliveries.ts';
import { isExpired } from '../domain/is-expired.ts';
import { newDecisionToken } from '../domain/new-decision-token.ts';
import { newPromptId } from '../domain/new-prompt-id.ts';
import type { NewPrompt, PromptStore } from '../domain/prompt-store.ts';
import { consentExpiredEvent } from '../events/expired-event.ts';

export interface AuthRequestCreatedDeps {
  store: PromptStore;
  /** Where a new prompt's first delivery runs, at once. */
  inline: Pick<InlineDeliveries, 'offer'>;
  /** Where it goes when `inline` is full. */
  queue: Pick<DeliveryQueue, 'enqueue'>;
  logger: Logger;
  /** The consumer group (processed-events key). */
  group: string;
  now(): Date;
}

/**
 * `ciba.auth_request.created.v1`: stores the request's consent prompt (once per request, however often
 * the event arrives), with the hash of the decision token its first offer will carry, and starts its
 * delivery in process (or queues it when too many are under way). Resolves once the prompt is stored,
 * not when it is delivered, so a slow device gateway does not hold the event stream; a prompt whose
 * delivery is then lost (with the process, or a job that could not be queued) stays `queued` in
 * PostgreSQL and the reconciler queues it. Only the call that stored the prompt starts a delivery: a
 * replayed event leaves it to the run under way or to the reconciler. A request that already expired
 * is recorded as expired, with its `ciba.consent.expired.v1` (once), and not delivered.
 */
export function handleAuthRequestCreated(deps: AuthRequestCreatedDeps) {
  return async (event: AuthRequestCreatedV1): Promise<void> => {
    const data = event.data;
    const expiresAt = new Date(data.expires_at);
    const now = deps.now();
    const expired = isExpired(expiresAt, now);
    const token = expired ? undefined : newDecisionToken();
    const fresh: NewPrompt = {
      promptId: newPromptId(),
      requestId: data.request_id,
      clientId: data.client_id,
      sub: data.sub,
      scope: data.scope,
      ...(data.binding_message !== undefined ? { bindingMessage: data.binding_message } : {}),
      ...(data.acr_values !== undefined ? { acrValues: data.acr_values } : {}),
      expiresAt,
      ...(token ? { decisionTokenHash: token.hash } : {}),
      deliveryStatus: expired ? 'expired' : 'queued',
    };
    const expiredEvent = expired ? consentExpiredEvent(fresh, now) : undefined;
    const { prompt, created } = await deps.store.recordCreated(deps.group, event.id, fresh, expiredEvent);
    const log = { prompt_id: prompt.promptId, request_id: prompt.requestId, client_id: prompt.clientId };
    if (!created || !token || prompt.deliveryStatus !== 'queued' || prompt.status !== 'pending') {
      deps.logger.info({ ...log, replay: !created, status: prompt.status, delivery_status: prompt.deliveryStatus }, 'consent prompt not started');
      return;
    }
    if (deps.inline.offer(prompt, token.token)) {
      deps.logger.info(log, 'consent prompt stored; delivering');
      return;
    }
    try {
      await deps.queue.enqueue(prompt.promptId);
      deps.logger.info(log, 'consent prompt queued');
    } catch (err) {
      // A redelivered event would be a replay and start nothing: the stored prompt is the reconciler's.
      deps.logger.warn({ ...log, err }, 'could not queue the delivery; the reconciler will');
    }
  };
}
