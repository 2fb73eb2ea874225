import { InvalidRequest } from '@ciba/contracts/oauth-errors';
import { safeEqual } from '@ciba/service-kit';
import { settled } from '../device-decisions/settled.ts';
import type { ApprovalStep } from './context.ts';
import { readCsrfCookie } from './csrf-cookie.ts';
import { verifyCsrfToken } from './csrf-token.ts';

/**
 * POST: the form's CSRF token must equal the prompt's `SameSite=Strict` cookie and carry this
 * server's HMAC over the prompt and the decision token; otherwise 403.
 */
export const checkCsrf: ApprovalStep = (ctx) => {
  const promptId = settled(ctx.prompt, 'prompt').promptId;
  const cookie = readCsrfCookie(ctx.req, promptId);
  const field = ctx.csrf;
  if (!cookie || !field || !safeEqual(cookie, field) || !verifyCsrfToken(ctx.deps.csrfKey, promptId, settled(ctx.token, 'token'), field)) {
    throw new InvalidRequest('csrf check failed', { status: 403 });
  }
};
