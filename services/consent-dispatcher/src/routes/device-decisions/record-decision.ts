import type { DeviceDecision } from '@ciba/contracts/api/device-decision';
import { flowMetrics } from '@ciba/metrics';
import { Conflict, Gone } from '@ciba/contracts/oauth-errors';
import { withinStoredTrace } from '@ciba/service-kit';
import type { ConsentPrompt } from '../../domain/consent-prompt.ts';
import { judgeDecision } from '../../domain/judge-decision.ts';
import { decisionEvent } from '../../events/decision-event.ts';
import type { DecisionContext, DecisionStep } from './context.ts';
import { settled } from './settled.ts';

/** Applies the verdict of `judgeDecision`; `false` when the conditional write lost a race. */
async function apply(ctx: DecisionContext, prompt: ConsentPrompt, decision: DeviceDecision): Promise<boolean> {
  const now = ctx.deps.now();
  const verdict = judgeDecision(prompt, decision, now);
  if (verdict.kind === 'expired') throw new Gone('the authentication request has expired');
  if (verdict.kind === 'conflict') throw new Conflict(`the prompt was already ${verdict.status}`);
  if (verdict.kind === 'record') {
    if (!(await ctx.deps.store.decide(prompt.promptId, verdict.status, now, decisionEvent(prompt, verdict.status, now)))) return false;
    flowMetrics.outcome(verdict.status);
    if (prompt.requestedAt) flowMetrics.stage('decided', prompt.requestedAt, now);
    ctx.deps.logger.info({ prompt_id: prompt.promptId, request_id: prompt.requestId, client_id: prompt.clientId, status: verdict.status }, 'consent decided');
  }
  ctx.status = verdict.status;
  return true;
}

/**
 * Records the first decision (only from `pending`, with its `ciba.consent.granted.v1` /
 * `ciba.consent.denied.v1` outbox row in the same transaction); the same decision again is a no-op,
 * a different one answers 409, an undecided expired request 410. When a concurrent decision or the
 * expiry won the conditional write, the prompt is read again and judged as it now is. It runs in
 * the auth request's trace (a span child of the context stored with the prompt, linked to this
 * request's own span), so the decision event, the token and the callback continue that one trace.
 */
export const recordDecision: DecisionStep = async (ctx) => {
  const decision = settled(ctx.decision, 'decision');
  const prompt = settled(ctx.prompt, 'prompt');
  const attributes = { 'ciba.request_id': prompt.requestId, 'ciba.client_id': prompt.clientId, 'ciba.prompt_id': prompt.promptId, 'ciba.decision': decision };
  await withinStoredTrace(prompt.traceContext, 'ciba.consent.decide', attributes, async () => {
    if (await apply(ctx, prompt, decision)) return;
    const current = await ctx.deps.store.findById(prompt.promptId);
    if (!current || !(await apply(ctx, current, decision))) throw new Error('decision lost twice');
  });
};
