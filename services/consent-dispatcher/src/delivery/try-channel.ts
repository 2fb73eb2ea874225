import type { UserChannel } from '@ciba/contracts';
import { adapterFor } from '../adapters/channels/adapter-for.ts';
import { buildDevicePrompt } from '../domain/build-device-prompt.ts';
import type { ConsentPrompt } from '../domain/consent-prompt.ts';
import { newDecisionToken } from '../domain/new-decision-token.ts';
import type { DeliveryAttempt } from '../domain/prompt-store.ts';
import type { DeliveryDeps } from './delivery-deps.ts';

export interface ChannelTry {
  prompt: ConsentPrompt;
  channel: UserChannel;
  channelIndex: number;
  jobAttempt: number;
  clientName?: string;
  /** A decision token whose hash the prompt already holds (never handed to a channel yet); else one is minted. */
  token?: string;
}

/**
 * Offers the prompt to one channel and resolves the attempt, for the caller to record (with the
 * delivered state when accepted). Each offer carries a fresh decision token whose hash replaces the
 * previous one, so a token handed to a channel that then failed (answered an error, redirected, timed
 * out) stops working as soon as the next channel is tried; `t.token` is that fresh token when it was
 * stored ahead. A channel type without an adapter is `not_configured` (no token spent). Resolves
 * `decided` when the prompt was answered meanwhile (nothing is sent then).
 */
export async function tryChannel(deps: DeliveryDeps, t: ChannelTry): Promise<DeliveryAttempt | 'decided'> {
  const { store, logger } = deps;
  const base = { promptId: t.prompt.promptId, jobAttempt: t.jobAttempt, channelIndex: t.channelIndex, channelType: t.channel.type };
  const log = { prompt_id: t.prompt.promptId, request_id: t.prompt.requestId, channel_index: t.channelIndex, channel_type: t.channel.type, job_attempt: t.jobAttempt };
  const adapter = adapterFor(deps.adapters, t.channel);
  if (!adapter) {
    logger.warn(log, 'channel type not configured');
    return { ...base, outcome: 'not_configured', latencyMs: 0 };
  }
  let token = t.token;
  if (token === undefined) {
    const fresh = newDecisionToken();
    if (!(await store.rotateTokenHash(t.prompt.promptId, fresh.hash))) return 'decided';
    token = fresh.token;
  }
  const body = buildDevicePrompt(t.prompt, { clientName: t.clientName, publicUrl: deps.publicUrl, decisionToken: token });
  const started = performance.now();
  const result = await adapter.deliver(t.channel, body);
  const latencyMs = Math.round(performance.now() - started);
  logger.info({ ...log, outcome: result.outcome, status_code: result.statusCode, latency_ms: latencyMs }, 'prompt offered to channel');
  return { ...base, outcome: result.outcome, ...(result.statusCode !== undefined ? { statusCode: result.statusCode } : {}), latencyMs };
}
