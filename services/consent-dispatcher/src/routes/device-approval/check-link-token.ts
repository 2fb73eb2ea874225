import { Unauthorized } from '@ciba/contracts/oauth-errors';
import { safeEqual, sha256 } from '@ciba/service-kit';
import { settled } from '../device-decisions/settled.ts';
import type { ApprovalStep } from './context.ts';

/**
 * The decision token of the link (or of the form it led to): its SHA-256 must equal the stored one
 * (constant-time), as at the decision endpoint. Only the latest offer's token is valid; missing or
 * wrong answers 401.
 */
export const checkLinkToken: ApprovalStep = (ctx) => {
  const prompt = settled(ctx.prompt, 'prompt');
  if (!ctx.token) throw new Unauthorized('missing decision token');
  if (!prompt.decisionTokenHash || !safeEqual(sha256(ctx.token), prompt.decisionTokenHash)) throw new Unauthorized('invalid decision token');
};
