import { formBody } from '@ciba/service-kit';
import type { BackchannelStep } from './context.ts';

// binding_message's own step answers a NUL (like any unprintable character) with invalid_binding_message.
const parse = formBody(undefined, { checkedLater: ['binding_message'] });

/**
 * Reads the form (wrong content type, repeated parameters, bad UTF-8 → invalid_request; too large →
 * 413) and drops empty values, which RFC 6749 §3.1 treats as omitted.
 */
export const parseBody: BackchannelStep = async (ctx) => {
  await parse(ctx.req, ctx.res, () => undefined);
  const body = ctx.req.body as Record<string, string>;
  ctx.form = Object.fromEntries(Object.entries(body).filter(([, value]) => value !== ''));
};
