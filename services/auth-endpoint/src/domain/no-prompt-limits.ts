import type { PromptLimits } from './prompt-limits.ts';

/** Every limit off (`BC_*_LIMIT=0`, `BC_DUPLICATE_PROMPT_WINDOW_S=0`): every prompt is accepted, nothing is stored. */
export const noPromptLimits: PromptLimits = {
  async reserve() {
    return { accepted: true, release: async () => undefined };
  },
  async settled() {},
};
