import { NotFound } from '@ciba/contracts/oauth-errors';
import type { DecisionStep } from './context.ts';

const PROMPT_ID = /^[A-Za-z0-9_-]{1,100}$/;

/** The prompt named in the path; an unknown one answers 404 before anything else is looked at. */
export const loadPrompt: DecisionStep = async (ctx) => {
  const promptId = ctx.req.params.prompt_id;
  const prompt = typeof promptId === 'string' && PROMPT_ID.test(promptId) ? await ctx.deps.store.findById(promptId) : null;
  if (!prompt) throw new NotFound('unknown prompt');
  ctx.prompt = prompt;
};
