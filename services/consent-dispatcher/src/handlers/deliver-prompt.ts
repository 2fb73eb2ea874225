import type { DeliveryRun } from '../adapters/queue/delivery-worker.ts';
import type { DeliveryDeps } from '../delivery/delivery-deps.ts';
import { tryChannel } from '../delivery/try-channel.ts';
import { isExpired } from '../domain/is-expired.ts';
import { promptDeliveredEvent } from '../events/prompt-delivered-event.ts';
import { promptUndeliverableEvent } from '../events/prompt-undeliverable-event.ts';

/**
 * The delivery job: offers the prompt to the user's channels in order until one takes it (2xx) and
 * publishes `ciba.consent_prompt.delivered.v1`. When all fail it asks for a retry; on the final run it
 * publishes `ciba.consent_prompt.undeliverable.v1`. Stops without retrying once the request expired,
 * the prompt was answered, or the user is gone.
 */
export function deliverPrompt(deps: DeliveryDeps) {
  return async (run: DeliveryRun): Promise<'done' | 'retry'> => {
    const { store, directory, logger, now } = deps;
    const prompt = await store.findById(run.promptId);
    if (!prompt || prompt.deliveryStatus !== 'queued' || prompt.status !== 'pending') return 'done';
    const log = { prompt_id: prompt.promptId, request_id: prompt.requestId, job_attempt: run.attempt };
    if (isExpired(prompt.expiresAt, now())) {
      await store.markExpired(prompt.promptId);
      logger.info(log, 'request expired before the prompt was delivered');
      return 'done';
    }
    const user = await directory.getUser(prompt.sub);
    if (!user || user.channels.length === 0) {
      await store.markUndeliverable(prompt.promptId, user ? 'no_channels' : 'user_unknown', promptUndeliverableEvent(prompt, 0, now()));
      logger.warn({ ...log, reason: user ? 'no_channels' : 'user_unknown' }, 'prompt undeliverable');
      return 'done';
    }
    const clientName = (await directory.getClient(prompt.clientId))?.client_name;
    for (const [channelIndex, channel] of user.channels.entries()) {
      if (isExpired(prompt.expiresAt, now())) {
        await store.markExpired(prompt.promptId);
        logger.info(log, 'request expired before the prompt was delivered');
        return 'done';
      }
      const outcome = await tryChannel(deps, { prompt, channel, channelIndex, jobAttempt: run.attempt, clientName });
      if (outcome === 'decided') return 'done';
      if (outcome === 'accepted') {
        const at = now();
        await store.markDelivered(prompt.promptId, at, promptDeliveredEvent(prompt, { channelType: channel.type, channelIndex, attempts: run.attempt, at }));
        logger.info({ ...log, channel_index: channelIndex, channel_type: channel.type }, 'prompt delivered');
        return 'done';
      }
    }
    if (!run.final) {
      logger.info({ ...log, channels_tried: user.channels.length }, 'no channel took the prompt; will retry');
      return 'retry';
    }
    await store.markUndeliverable(prompt.promptId, 'all_channels_failed', promptUndeliverableEvent(prompt, user.channels.length, now()));
    logger.warn({ ...log, channels_tried: user.channels.length }, 'prompt undeliverable');
    return 'done';
  };
}
