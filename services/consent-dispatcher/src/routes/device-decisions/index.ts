import { Router } from 'express';
import { DEVICE_DECISION_PATH } from '@ciba/contracts/api/device-decision';
import { MethodNotAllowed } from '@ciba/contracts/oauth-errors';
import { checkDecisionToken } from './check-decision-token.ts';
import { checkExpiry } from './check-expiry.ts';
import type { DecisionContext, DecisionDeps, DecisionStep } from './context.ts';
import { loadPrompt } from './load-prompt.ts';
import { parseBody } from './parse-body.ts';
import { recordDecision } from './record-decision.ts';
import { sendResponse } from './send-response.ts';

/** The device decision endpoint, in order (interfaces.md §4): 404, then 401, then 400, then 410, then 409/200. */
export const DEVICE_DECISION_STEPS: readonly DecisionStep[] = [
  loadPrompt,
  checkDecisionToken,
  parseBody,
  checkExpiry,
  recordDecision,
  sendResponse,
];

/** `POST /device/decisions/{prompt_id}`; any other method answers 405. Errors go to the app's error handler. */
export function deviceDecisionRoutes(deps: DecisionDeps): Router {
  const router = Router();
  router
    .route(DEVICE_DECISION_PATH)
    .post(async (req, res) => {
      const ctx: DecisionContext = { req, res, deps };
      for (const step of DEVICE_DECISION_STEPS) await step(ctx);
    })
    .all(() => {
      throw new MethodNotAllowed('use POST for the decision endpoint', { headers: { Allow: 'POST' } });
    });
  return router;
}
