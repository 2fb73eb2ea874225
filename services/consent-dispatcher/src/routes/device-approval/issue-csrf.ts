import { settled } from '../device-decisions/settled.ts';
import type { ApprovalStep } from './context.ts';
import { setCsrfCookie } from './csrf-cookie.ts';
import { issueCsrfToken } from './csrf-token.ts';

/** A fresh CSRF token for the form, also set as the prompt's cookie until the request expires. */
export const issueCsrf: ApprovalStep = (ctx) => {
  const prompt = settled(ctx.prompt, 'prompt');
  const csrf = issueCsrfToken(ctx.deps.csrfKey, prompt.promptId, settled(ctx.token, 'token'));
  setCsrfCookie(ctx.res, prompt.promptId, csrf, (prompt.expiresAt.getTime() - ctx.deps.now().getTime()) / 1000, ctx.deps.secureCookies);
  ctx.csrf = csrf;
};
