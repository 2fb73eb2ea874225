import { USER_HINT_PARAMETERS } from '@ciba/contracts/api/backchannel-authentication';
import { InvalidRequest, UnauthorizedClient } from '@ciba/contracts/oauth-errors';
import type { BackchannelStep } from './context.ts';

/**
 * Exactly one of `login_hint_token`, `id_token_hint` and `login_hint` identifies the user (CIBA Core
 * §7.1), and one the client registered (`backchannel_user_hint_types`) if it narrowed them.
 */
export const checkUserHint: BackchannelStep = (ctx) => {
  const sent = USER_HINT_PARAMETERS.filter((name) => ctx.params[name] !== undefined);
  if (sent.length === 0) throw new InvalidRequest('one of login_hint_token, id_token_hint or login_hint is required');
  if (sent.length > 1) throw new InvalidRequest('only one of login_hint_token, id_token_hint and login_hint may be sent');
  const name = sent[0]!;
  const allowed = ctx.client?.backchannel_user_hint_types;
  if (allowed && !allowed.includes(name)) throw new UnauthorizedClient(`this client is not registered to identify users by ${name}`);
  ctx.hint = { name, value: ctx.params[name]! };
};
