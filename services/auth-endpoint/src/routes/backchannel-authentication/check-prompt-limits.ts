import { AccessDenied, TemporarilyUnavailable } from '@ciba/contracts/oauth-errors';
import type { PromptRefusal } from '../../domain/prompt-limits.ts';
import type { BackchannelStep } from './context.ts';
import { settled } from './settled.ts';

/** What the client is told for each refusal (CIBA Core §13 `access_denied`: the OpenID Provider denied the request). */
export const PROMPT_REFUSALS: Record<PromptRefusal, string> = {
  pending: 'a request of this client is already pending for this user',
  user: 'too many authentication requests for this user, try again later',
  client: 'too many authentication requests from this client, try again later',
};

/** Seconds a client is asked to wait when the limits cannot be checked. */
const UNAVAILABLE_RETRY_AFTER = 5;

/**
 * Prompt-bombing protection, after the client and the user are settled and before anything is
 * stored: no second prompt while a request of the same client is undecided, and the user's and the
 * client's rates. A refusal counts against nothing; an accepted prompt is taken back if the request
 * is not stored after all (the endpoint's handler releases `ctx.reservation`). When the limits
 * cannot be checked the request is refused (503): they fail closed.
 */
export const checkPromptLimits: BackchannelStep = async (ctx) => {
  const { promptLimits, logger } = ctx.deps;
  const client = settled(ctx.client, 'client');
  const prompt = { requestId: settled(ctx.requestId, 'requestId'), clientId: client.client_id, sub: settled(ctx.user, 'user').sub, expiresIn: settled(ctx.expiresIn, 'expiresIn') };
  let reservation;
  try {
    reservation = await promptLimits.reserve(prompt);
  } catch (err) {
    logger.warn({ reason: err instanceof Error ? err.message : String(err), client_id: client.client_id }, 'prompt limits unavailable, request refused');
    throw new TemporarilyUnavailable('the request cannot be checked against the prompt limits now, try again later', {
      headers: { 'Retry-After': String(UNAVAILABLE_RETRY_AFTER) },
      expose: true,
    });
  }
  if (!reservation.accepted) {
    logger.info({ client_id: client.client_id, limit: reservation.refusal }, 'backchannel authentication request refused by a prompt limit');
    throw new AccessDenied(PROMPT_REFUSALS[reservation.refusal], { status: 403, headers: { 'Retry-After': String(reservation.retryAfter) } });
  }
  ctx.reservation = reservation;
};
