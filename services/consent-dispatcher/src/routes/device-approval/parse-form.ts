import { deviceDecision } from '@ciba/contracts/api/device-decision';
import { InvalidRequest } from '@ciba/contracts/oauth-errors';
import { formBody } from '@ciba/service-kit';
import type { ApprovalStep } from './context.ts';

const parse = formBody(4 * 1024);

/** POST: the form's `decision` (approve | deny, else 400), `t` (the decision token) and `csrf`. */
export const parseForm: ApprovalStep = async (ctx) => {
  await parse(ctx.req, ctx.res, () => undefined);
  const form = ctx.req.body as Record<string, string>;
  const decision = deviceDecision.safeParse(form['decision']);
  if (!decision.success) throw new InvalidRequest('decision must be "approve" or "deny"');
  ctx.decision = decision.data;
  if (form['t']) ctx.token = form['t'];
  if (form['csrf']) ctx.csrf = form['csrf'];
};
