import type { BackchannelContext } from './context.ts';

const MAX_LENGTH = 1024;

/** The `sub` a `login_hint` (an email address, a phone number, any registered hint) names, or null. */
export async function subFromLoginHint(ctx: BackchannelContext, loginHint: string): Promise<string | null> {
  if (loginHint.length > MAX_LENGTH) return null;
  return ctx.deps.directory.resolveLoginHint(loginHint);
}
