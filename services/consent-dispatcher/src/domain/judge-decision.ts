import type { DeviceDecision, DeviceDecisionStatus } from '@ciba/contracts/api/device-decision';
import type { ConsentPrompt } from './consent-prompt.ts';
import { isExpired } from './is-expired.ts';

/**
 * What a decision does to a prompt (interfaces.md §4):
 * - `record`: the first decision, on a pending prompt whose request has not expired (200);
 * - `repeat`: the decision already recorded, sent again (200, idempotent);
 * - `conflict`: a different decision than the recorded one (409);
 * - `expired`: the request expired undecided (410), whether or not the sweeper recorded it yet.
 */
export type DecisionVerdict =
  | { kind: 'record'; status: DeviceDecisionStatus }
  | { kind: 'repeat'; status: DeviceDecisionStatus }
  | { kind: 'conflict'; status: DeviceDecisionStatus }
  | { kind: 'expired' };

const STATUS_OF: Record<DeviceDecision, DeviceDecisionStatus> = { approve: 'approved', deny: 'denied' };

export function judgeDecision(prompt: Pick<ConsentPrompt, 'status' | 'expiresAt'>, decision: DeviceDecision, now: Date): DecisionVerdict {
  const wanted = STATUS_OF[decision];
  if (prompt.status === 'expired') return { kind: 'expired' };
  if (prompt.status === 'pending') return isExpired(prompt.expiresAt, now) ? { kind: 'expired' } : { kind: 'record', status: wanted };
  return prompt.status === wanted ? { kind: 'repeat', status: wanted } : { kind: 'conflict', status: prompt.status };
}
