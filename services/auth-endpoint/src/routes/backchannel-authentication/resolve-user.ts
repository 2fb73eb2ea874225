import { UnknownUserId } from '@ciba/contracts/oauth-errors';
import type { BackchannelStep } from './context.ts';
import { settled } from './settled.ts';
import { subFromIdTokenHint } from './sub-from-id-token-hint.ts';
import { subFromLoginHint } from './sub-from-login-hint.ts';
import { subFromLoginHintToken } from './sub-from-login-hint-token.ts';

const MAX_SUB_LENGTH = 255;

/** Identifies the end-user from the one hint sent (CIBA Core §7.1); unknown or deleted → `unknown_user_id`. */
export const resolveUser: BackchannelStep = async (ctx) => {
  const hint = settled(ctx.hint, 'hint');
  const sub =
    hint.name === 'login_hint'
      ? await subFromLoginHint(ctx, hint.value)
      : hint.name === 'id_token_hint'
        ? await subFromIdTokenHint(ctx, hint.value)
        : await subFromLoginHintToken(ctx, hint.value);
  const user = sub !== null && sub.length <= MAX_SUB_LENGTH ? await ctx.deps.directory.getUser(sub) : null;
  if (!user) throw new UnknownUserId(`${hint.name} does not identify a known user`);
  ctx.user = user;
};
