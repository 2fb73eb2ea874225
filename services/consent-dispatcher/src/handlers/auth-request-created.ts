import type { AuthRequestCreatedV1 } from '@ciba/contracts';
import { flowMetrics } from '@ciba/metrics';
import type { Logger } from '@ciba/service-kit';
import type { ConsentPrompt } from '../domain/consent-prompt.ts';
import { isExpired } from '../domain/is-expired.ts';
import { newPromptId } from '../domain/new-prompt-id.ts';
import type { NewPrompt, PromptStore } from '../domain/prompt-store.ts';
import { consentExpiredEvent } from '../events/expired-event.ts';

export interface AuthRequestCreatedDeps {
  store: PromptStore;
  /** Makes the first offers of the prompts just stored (`continueOffers`). */
  offer(prompts: readonly ConsentPrompt[]): Promise<void>;
  logger: Logger;
  /** The consumer group (processed-events key). */
  group: string;
  /** Milliseconds this process holds the first offer before the offer sweep may make it. */
  leaseMs: number;
  now(): Date;
}

/**
 * `ciba.auth_request.created.v1`: stores the request's consent prompt (once per request, however often
 * the event arrives) with its first offer due (leased to this process), then makes that offer. The
 * offer does not hold the event: a failed one is the offer sweep's once the lease ends, and a replayed
 * event starts nothing. A request that already expired is recorded as expired, with its
 * `ciba.consent.expired.v1` (once), and offered nowhere.
 */
export function handleAuthRequestCreated(deps: AuthRequestCreatedDeps) {
  return async (event: AuthRequestCreatedV1): Promise<void> => {
    const data = event.data;
    const expiresAt = new Date(data.expires_at);
    const now = deps.now();
    const expired = isExpired(expiresAt, now);
    const fresh: NewPrompt = {
      promptId: newPromptId(),
      requestId: data.request_id,
      clientId: data.client_id,
      sub: data.sub,
      scope: data.scope,
      ...(data.binding_message !== undefined ? { bindingMessage: data.binding_message } : {}),
      ...(data.acr_values !== undefined ? { acrValues: data.acr_values } : {}),
      expiresAt,
      requestedAt: new Date(data.requested_at),
      ...(expired ? {} : { nextOfferAt: new Date(now.getTime() + deps.leaseMs) }),
      deliveryStatus: expired ? 'expired' : 'queued',
    };
    const expiredEvent = expired ? consentExpiredEvent(fresh, now) : undefined;
    const { prompt, created } = await deps.store.recordCreated(deps.group, event.id, fresh, expiredEvent);
    const log = { prompt_id: prompt.promptId, request_id: prompt.requestId, client_id: prompt.clientId };
    // A request that arrived already expired is expired here, with its event, once.
    if (created && prompt.status === 'expired') flowMetrics.outcome('expired');
    if (!created || prompt.deliveryStatus !== 'queued' || prompt.status !== 'pending') {
      deps.logger.info({ ...log, replay: !created, status: prompt.status, delivery_status: prompt.deliveryStatus }, 'consent prompt not started');
      return;
    }
    deps.logger.info(log, 'consent prompt stored; offering');
    await deps.offer([prompt]);
  };
}
