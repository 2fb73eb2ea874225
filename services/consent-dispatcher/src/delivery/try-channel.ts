import type { UserChannel } from '@ciba/contracts';
import { adapterFor } from '../adapters/channels/adapter-for.ts';
import { buildDevicePrompt } from '../domain/build-device-prompt.ts';
import type { ConsentPrompt } from '../domain/consent-prompt.ts';
import type { DeliveryOutcome } from '../domain/delivery-outcome.ts';
import { newDecisionToken } from '../domain/new-decision-token.ts';
import type { DeliveryDeps } from './delivery-deps.ts';

export interface ChannelTry {
  prompt: ConsentPrompt;
  channel: UserChannel;
  channelIndex: number;
  jobAttempt: number;
  clientName?: string;
}

/**
 * Offers the prompt to one channel and records the attempt. Each offer carries a fresh decision token
 * whose hash replaces the previous one, so a token handed to a channel that then failed (answered an
 * error, redirected, timed out) stops working as soon as the next channel is tried. Resolves `decided`
 * when the prompt was answered meanwhile (nothing is sent then).
 */
export async function tryChannel(deps: DeliveryDeps, t: ChannelTry): Promise<DeliveryOutcome | 'decided'> {
  const { store, logger } = deps;
  const log = { prompt_id: t.prompt.promptId, request_id: t.prompt.requestId, channel_index: t.channelIndex, channel_type: t.channel.type, job_attempt: t.jobAttempt };
  const adapter = adapterFor(deps.adapters, t.channel);
  if (!adapter) {
    logger.warn(log, 'channel type not configured');
    await store.recordAttempt({ promptId: t.prompt.promptId, jobAttempt: t.jobAttempt, channelIndex: t.channelIndex, channelType: t.channel.type, outcome: 'not_configured', latencyMs: 0 });
    return 'not_configured';
  }
  const { token, hash } = newDecisionToken();
  if (!(await store.rotateTokenHash(t.prompt.promptId, hash))) return 'decided';
  const body = buildDevicePrompt(t.prompt, { clientName: t.clientName, publicUrl: deps.publicUrl, decisionToken: token });
  const started = performance.now();
  const result = await adapter.deliver(t.channel, body);
  const latencyMs = Math.round(performance.now() - started);
  await store.recordAttempt({
    promptId: t.prompt.promptId,
    jobAttempt: t.jobAttempt,
    channelIndex: t.channelIndex,
    channelType: t.channel.type,
    outcome: result.outcome,
    ...(result.statusCode !== undefined ? { statusCode: result.statusCode } : {}),
    latencyMs,
  });
  logger.info({ ...log, outcome: result.outcome, status_code: result.statusCode, latency_ms: latencyMs }, 'prompt offered to channel');
  return result.outcome;
}
