import type { ApprovalStep } from './context.ts';

/** GET: the decision token the link carries as `?t=`. */
export const readLinkToken: ApprovalStep = (ctx) => {
  const token = ctx.req.query['t'];
  if (typeof token === 'string' && token !== '') ctx.token = token;
};
