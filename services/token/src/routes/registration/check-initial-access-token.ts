import { InvalidToken } from '@ciba/contracts/oauth-errors';
import { requireAdmin } from '@ciba/service-kit';
import type { TokenContext } from '../../context.ts';

/** RFC 7591 §3: the initial access token is `ADMIN_TOKEN`; missing or wrong answers 401 `invalid_token` (RFC 6750 §3.1). */
export const checkInitialAccessToken = (ctx: TokenContext) =>
  requireAdmin(ctx.config.adminToken, () => new InvalidToken('missing or invalid initial access token'));
