import { settled } from '../device-decisions/settled.ts';
import type { ApprovalStep } from './context.ts';

/** The client's registered name, else its id (also when the directory cannot be reached: the page still works). */
export const loadClientName: ApprovalStep = async (ctx) => {
  const prompt = settled(ctx.prompt, 'prompt');
  try {
    ctx.clientName = (await ctx.deps.directory.getClient(prompt.clientId))?.client_name ?? prompt.clientId;
  } catch (err) {
    ctx.deps.logger.warn({ err, prompt_id: prompt.promptId, client_id: prompt.clientId }, 'client name lookup failed; showing the client id');
    ctx.clientName = prompt.clientId;
  }
};
