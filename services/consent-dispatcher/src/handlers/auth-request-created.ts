import type { AuthRequestCreatedV1 } from '@ciba/contracts';
import type { Logger } from '@ciba/service-kit';
import type { DeliveryQueue } from '../adapters/queue/delivery-queue.ts';
import { isExpired } from '../domain/is-expired.ts';
import { newPromptId } from '../domain/new-prompt-id.ts';
import type { NewPrompt, PromptStore } from '../domain/prompt-store.ts';
import { consentExpiredEvent } from '../events/expired-event.ts';

export interface AuthRequestCreatedDeps {
  store: PromptStore;
  queue: Pick<DeliveryQueue, 'enqueue'>;
  logger: Logger;
  /** The consumer group (processed-events key). */
  group: string;
  now(): Date;
}

/**
 * `ciba.auth_request.created.v1`: stores the request's consent prompt (once per request, however often
 * the event arrives) and queues its delivery (once per prompt: the job id is the prompt id). Resolves
 * only after the job is queued, so the event is acknowledged only then. A request that already expired
 * is recorded as expired, with its `ciba.consent.expired.v1` (once), and not delivered.
 */
export function handleAuthRequestCreated(deps: AuthRequestCreatedDeps) {
  return async (event: AuthRequestCreatedV1): Promise<void> => {
    const data = event.data;
    const expiresAt = new Date(data.expires_at);
    const now = deps.now();
    const fresh: NewPrompt = {
      promptId: newPromptId(),
      requestId: data.request_id,
      clientId: data.client_id,
      sub: data.sub,
      scope: data.scope,
      ...(data.binding_message !== undefined ? { bindingMessage: data.binding_message } : {}),
      ...(data.acr_values !== undefined ? { acrValues: data.acr_values } : {}),
      expiresAt,
      deliveryStatus: isExpired(expiresAt, now) ? 'expired' : 'queued',
    };
    const expiredEvent = fresh.deliveryStatus === 'expired' ? consentExpiredEvent(fresh, now) : undefined;
    const prompt = await deps.store.recordCreated(deps.group, event.id, fresh, expiredEvent);
    const log = { prompt_id: prompt.promptId, request_id: prompt.requestId, client_id: prompt.clientId };
    if (prompt.deliveryStatus !== 'queued' || prompt.status !== 'pending') {
      deps.logger.info({ ...log, status: prompt.status, delivery_status: prompt.deliveryStatus }, 'consent prompt not queued');
      return;
    }
    await deps.queue.enqueue(prompt.promptId);
    deps.logger.info(log, 'consent prompt queued');
  };
}
