import { settled } from '../device-decisions/settled.ts';
import type { ApprovalStep } from './context.ts';
import { promptPage } from './prompt-page.ts';
import { sendPage } from './send-page.ts';

/** 200 with the question and the Approve / Deny form. */
export const renderPrompt: ApprovalStep = (ctx) => {
  const prompt = settled(ctx.prompt, 'prompt');
  const page = promptPage(
    {
      promptId: prompt.promptId,
      clientName: settled(ctx.clientName, 'clientName'),
      ...(prompt.bindingMessage !== undefined ? { bindingMessage: prompt.bindingMessage } : {}),
      scope: prompt.scope,
      expiresAt: prompt.expiresAt,
      token: settled(ctx.token, 'token'),
      csrf: settled(ctx.csrf, 'csrf'),
    },
    ctx.deps.now(),
  );
  sendPage(ctx.res, 200, page.title, page.body);
};
