import type { DeliveryDeps } from '../delivery/delivery-deps.ts';
import type { DeliveryRun } from '../delivery/delivery-run.ts';
import { tryChannel } from '../delivery/try-channel.ts';
import { isExpired } from '../domain/is-expired.ts';
import { promptDeliveredEvent } from '../events/prompt-delivered-event.ts';
import { promptUndeliverableEvent } from '../events/prompt-undeliverable-event.ts';

/**
 * One delivery run (in process for a new prompt, then as the BullMQ job's runs): offers the prompt to
 * the user's channels in order until one takes it (2xx), then records that offer, the delivered state
 * and `ciba.consent_prompt.delivered.v1` together. When all fail it asks for a retry; on the final run
 * it publishes `ciba.consent_prompt.undeliverable.v1`. Stops without retrying once the request
 * expired, the prompt was answered, or the user is gone. The directory is asked once per run.
 */
export function deliverPrompt(deps: DeliveryDeps) {
  return async (run: DeliveryRun): Promise<'done' | 'retry'> => {
    const { store, directory, logger, now } = deps;
    const prompt = run.prompt ?? (await store.findById(run.promptId));
    if (!prompt || prompt.deliveryStatus !== 'queued' || prompt.status !== 'pending') return 'done';
    const log = { prompt_id: prompt.promptId, request_id: prompt.requestId, job_attempt: run.attempt };
    if (isExpired(prompt.expiresAt, now())) {
      await store.markExpired(prompt.promptId);
      logger.info(log, 'request expired before the prompt was delivered');
      return 'done';
    }
    const [user, client] = await Promise.all([directory.getUser(prompt.sub), directory.getClient(prompt.clientId)]);
    if (!user || user.channels.length === 0) {
      await store.markUndeliverable(prompt.promptId, user ? 'no_channels' : 'user_unknown', promptUndeliverableEvent(prompt, 0, now()));
      logger.warn({ ...log, reason: user ? 'no_channels' : 'user_unknown' }, 'prompt undeliverable');
      return 'done';
    }
    let token = run.token;
    for (const [channelIndex, channel] of user.channels.entries()) {
      if (isExpired(prompt.expiresAt, now())) {
        await store.markExpired(prompt.promptId);
        logger.info(log, 'request expired before the prompt was delivered');
        return 'done';
      }
      const attempt = await tryChannel(deps, { prompt, channel, channelIndex, jobAttempt: run.attempt, clientName: client?.client_name, ...(token !== undefined ? { token } : {}) });
      if (attempt === 'decided') return 'done';
      // The token stored ahead went to this channel (unless it has no adapter): the next offer mints its own.
      if (attempt.outcome !== 'not_configured') token = undefined;
      if (attempt.outcome === 'accepted') {
        const at = now();
        await store.markDelivered(attempt, at, promptDeliveredEvent(prompt, { channelType: channel.type, channelIndex, attempts: run.attempt, at }));
        logger.info({ ...log, channel_index: channelIndex, channel_type: channel.type }, 'prompt delivered');
        return 'done';
      }
      await store.recordAttempt(attempt);
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
