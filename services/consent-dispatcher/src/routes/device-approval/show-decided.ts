import { settled } from '../device-decisions/settled.ts';
import type { ApprovalStep } from './context.ts';
import { clearCsrfCookie } from './csrf-cookie.ts';
import { resultPage } from './result-page.ts';
import { sendPage } from './send-page.ts';

/** A prompt already decided shows its decision ("already approved" / "already denied") and ends here. */
export const showDecided: ApprovalStep = (ctx) => {
  const prompt = settled(ctx.prompt, 'prompt');
  if (prompt.status !== 'approved' && prompt.status !== 'denied') return;
  clearCsrfCookie(ctx.res, prompt.promptId, ctx.deps.secureCookies);
  const page = resultPage(prompt.status, undefined, true);
  sendPage(ctx.res, 200, page.title, page.body);
};
