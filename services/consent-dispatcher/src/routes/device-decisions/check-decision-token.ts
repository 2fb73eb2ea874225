import { Unauthorized } from '@ciba/contracts/oauth-errors';
import { bearerToken, safeEqual, sha256 } from '@ciba/service-kit';
import type { DecisionStep } from './context.ts';
import { settled } from './settled.ts';

const challenge = { 'WWW-Authenticate': 'Bearer realm="ciba-device"' };

/**
 * `Authorization: Bearer <decision_token>`: its SHA-256 must equal the stored one (constant-time).
 * Only the token of the latest delivery attempt is valid. Missing or wrong answers 401.
 */
export const checkDecisionToken: DecisionStep = (ctx) => {
  const prompt = settled(ctx.prompt, 'prompt');
  const token = bearerToken(ctx.req);
  if (!token) throw new Unauthorized('missing decision token', { headers: challenge });
  if (!prompt.decisionTokenHash || !safeEqual(sha256(token), prompt.decisionTokenHash)) {
    throw new Unauthorized('invalid decision token', { headers: challenge });
  }
};
