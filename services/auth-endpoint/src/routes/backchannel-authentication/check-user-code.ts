import { AccessDenied, InvalidUserCode, MissingUserCode, TemporarilyUnavailable } from '@ciba/contracts/oauth-errors';
import type { BackchannelContext, BackchannelStep } from './context.ts';
import { settled } from './settled.ts';

const MAX_LENGTH = 1024;
/** Seconds a client is asked to wait when the attempt limit cannot be checked. */
const UNAVAILABLE_RETRY_AFTER = 5;
/** What a client is told while the user is locked out (CIBA Core §13 `access_denied`: the OP denied the request). */
export const USER_CODE_LOCKED = 'too many wrong user codes for this user, try again later';

/**
 * `user_code` (CIBA Core §7.1) counts when the client registered `backchannel_user_code_parameter`
 * and the user has a code: missing → `missing_user_code`, wrong → `invalid_user_code` (the directory
 * compares in constant time). Otherwise it is ignored. Each code tried counts against the user's
 * attempt limit first: while the user is locked out the code is not checked at all and the answer
 * is 403 `access_denied` with `Retry-After` (saying `invalid_user_code` would tell a guesser nothing
 * new but mislead a user who typed the right code). A right code resets the count. The limit fails
 * closed: when it cannot be checked, 503 `temporarily_unavailable`.
 */
export const checkUserCode: BackchannelStep = async (ctx) => {
  const client = settled(ctx.client, 'client');
  const user = settled(ctx.user, 'user');
  if (!client.backchannel_user_code_parameter || !user.has_user_code) return;
  const code = ctx.params.user_code;
  if (code === undefined) throw new MissingUserCode('user_code is required');
  const { userCodeAttempts: attempts, logger } = ctx.deps;
  let attempt;
  try {
    attempt = await attempts.begin(user.sub);
  } catch (err) {
    logger.warn({ reason: reasonOf(err), client_id: client.client_id }, 'user_code attempt limit unavailable, request refused');
    throw new TemporarilyUnavailable('the user_code cannot be checked now, try again later', { headers: { 'Retry-After': String(UNAVAILABLE_RETRY_AFTER) }, expose: true });
  }
  if (!attempt.allowed) {
    logger.info({ client_id: client.client_id, retry_after: attempt.retryAfter }, 'user_code refused unchecked: user locked out after wrong codes');
    throw new AccessDenied(USER_CODE_LOCKED, { status: 403, headers: { 'Retry-After': String(attempt.retryAfter) } });
  }
  let valid: boolean;
  try {
    valid = code.length <= MAX_LENGTH && (await ctx.deps.directory.verifyUserCode(user.sub, code));
  } catch (err) {
    await quietly(ctx, () => attempts.abandon(user.sub));
    throw err;
  }
  if (valid) return quietly(ctx, () => attempts.succeeded(user.sub));
  // Counted already at `begin`: a lost `failed` only delays the lockout to the next attempt.
  await quietly(ctx, () => attempts.failed(user.sub));
  throw new InvalidUserCode('user_code is invalid');
};

async function quietly(ctx: BackchannelContext, step: () => Promise<void>): Promise<void> {
  try {
    await step();
  } catch (err) {
    ctx.deps.logger.warn({ reason: reasonOf(err) }, 'user_code attempt not recorded');
  }
}

const reasonOf = (err: unknown) => (err instanceof Error ? err.message : String(err));
