import { deviceDecisionRequest } from '@ciba/contracts/api/device-decision';
import { InvalidRequest } from '@ciba/contracts/oauth-errors';
import { jsonBody } from '@ciba/service-kit';
import type { DecisionStep } from './context.ts';

const parse = jsonBody(4 * 1024);

/** `{"decision": "approve" | "deny"}`; anything else answers 400 `invalid_request`. */
export const parseBody: DecisionStep = async (ctx) => {
  await parse(ctx.req, ctx.res, () => undefined);
  const body = deviceDecisionRequest.safeParse(ctx.req.body);
  if (!body.success) throw new InvalidRequest('decision must be "approve" or "deny"');
  ctx.decision = body.data.decision;
};
