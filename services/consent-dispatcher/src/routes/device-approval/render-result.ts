import { settled } from '../device-decisions/settled.ts';
import type { ApprovalStep } from './context.ts';
import { clearCsrfCookie } from './csrf-cookie.ts';
import { resultPage } from './result-page.ts';
import { sendPage } from './send-page.ts';

/** 200 with the decision just recorded (or the same one sent again); the CSRF cookie is dropped. */
export const renderResult: ApprovalStep = (ctx) => {
  const prompt = settled(ctx.prompt, 'prompt');
  clearCsrfCookie(ctx.res, prompt.promptId, ctx.deps.secureCookies);
  const page = resultPage(settled(ctx.status, 'status'), ctx.clientName, false);
  sendPage(ctx.res, 200, page.title, page.body);
};
