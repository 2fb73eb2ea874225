import { Gone } from '@ciba/contracts/oauth-errors';
import { isExpired } from '../../domain/is-expired.ts';
import type { DecisionStep } from './context.ts';
import { settled } from './settled.ts';

/**
 * An undecided prompt whose request expired answers 410, whether the sweeper already recorded the
 * expiry or not; a decided one still answers its decision.
 */
export const checkExpiry: DecisionStep = (ctx) => {
  const prompt = settled(ctx.prompt, 'prompt');
  if (prompt.status === 'expired' || (prompt.status === 'pending' && isExpired(prompt.expiresAt, ctx.deps.now()))) {
    throw new Gone('the authentication request has expired');
  }
};
