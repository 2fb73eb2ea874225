import { InvalidRequest } from '@ciba/contracts/oauth-errors';
import type { BackchannelStep } from './context.ts';
import { settled } from './settled.ts';

/** RFC 6750 §2.1 `b64token`. */
const BEARER = /^[A-Za-z0-9\-._~+/]+=*$/;
const MAX_LENGTH = 1024;

/**
 * The client's registered delivery mode decides: ping and push REQUIRE `client_notification_token`
 * (a bearer value of at most 1024 characters, CIBA Core §7.1); poll ignores it.
 */
export const checkNotificationToken: BackchannelStep = (ctx) => {
  const mode = settled(ctx.client, 'client').backchannel_token_delivery_mode ?? 'poll';
  ctx.deliveryMode = mode;
  if (mode === 'poll') return;
  const token = ctx.params.client_notification_token;
  if (token === undefined) throw new InvalidRequest(`client_notification_token is required in ${mode} mode`);
  if (token.length > MAX_LENGTH) throw new InvalidRequest(`client_notification_token must be at most ${MAX_LENGTH} characters`);
  if (!BEARER.test(token)) throw new InvalidRequest('client_notification_token must have the syntax of a bearer token');
  ctx.clientNotificationToken = token;
};
