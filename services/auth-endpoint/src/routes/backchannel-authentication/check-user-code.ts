import { InvalidUserCode, MissingUserCode } from '@ciba/contracts/oauth-errors';
import type { BackchannelStep } from './context.ts';
import { settled } from './settled.ts';

const MAX_LENGTH = 1024;

/**
 * `user_code` (CIBA Core §7.1) counts when the client registered `backchannel_user_code_parameter`
 * and the user has a code: missing → `missing_user_code`, wrong → `invalid_user_code` (the directory
 * compares in constant time). Otherwise it is ignored.
 */
export const checkUserCode: BackchannelStep = async (ctx) => {
  const client = settled(ctx.client, 'client');
  const user = settled(ctx.user, 'user');
  if (!client.backchannel_user_code_parameter || !user.has_user_code) return;
  const code = ctx.params.user_code;
  if (code === undefined) throw new MissingUserCode('user_code is required');
  const valid = code.length <= MAX_LENGTH && (await ctx.deps.directory.verifyUserCode(user.sub, code));
  if (!valid) throw new InvalidUserCode('user_code is invalid');
};
