import { Router, type Request, type Response } from 'express';
import { OAuthError } from '@ciba/contracts/oauth-errors';
import type { Logger } from '@ciba/service-kit';
import type { PromptStore } from '../../domain/prompt-store.ts';
import { checkExpiry } from '../device-decisions/check-expiry.ts';
import { loadPrompt } from '../device-decisions/load-prompt.ts';
import { recordDecision } from '../device-decisions/record-decision.ts';
import { checkCsrf } from './check-csrf.ts';
import { checkLinkToken } from './check-link-token.ts';
import type { ApprovalContext, ApprovalDeps, ApprovalStep } from './context.ts';
import { csrfKey } from './csrf-token.ts';
import { errorPage } from './error-page.ts';
import { issueCsrf } from './issue-csrf.ts';
import { loadClientName } from './load-client-name.ts';
import { parseForm } from './parse-form.ts';
import { readLinkToken } from './read-link-token.ts';
import { renderPrompt } from './render-prompt.ts';
import { renderResult } from './render-result.ts';
import { sendPage } from './send-page.ts';
import { showDecided } from './show-decided.ts';

/** Where the hosted approval page is: the dispatcher's `approval_uri` without `?t=`. */
export const DEVICE_APPROVAL_PATH = '/device/approve/:prompt_id' as const;

/** GET, in order: 404, 401, already decided, 410, then the form. */
export const APPROVAL_PAGE_STEPS: readonly ApprovalStep[] = [loadPrompt, readLinkToken, checkLinkToken, showDecided, checkExpiry, loadClientName, issueCsrf, renderPrompt];

/** POST, in order: 404, 400, 401, 403, already decided, 410, then the decision as `POST /device/decisions` records it. */
export const APPROVAL_FORM_STEPS: readonly ApprovalStep[] = [loadPrompt, parseForm, checkLinkToken, checkCsrf, showDecided, checkExpiry, recordDecision, loadClientName, renderResult];

export interface DeviceApprovalOptions {
  logger: Logger;
  store: PromptStore;
  now(): Date;
  directory: ApprovalDeps['directory'];
  /** Secret the CSRF key derives from, shared by the replicas (e.g. ADMIN_TOKEN); unset: random per process. */
  csrfSecret?: string;
  /** Mark the CSRF cookie `Secure` (the public URL is https). */
  secureCookies: boolean;
}

async function run(steps: readonly ApprovalStep[], ctx: ApprovalContext): Promise<void> {
  try {
    for (const step of steps) {
      await step(ctx);
      if (ctx.res.headersSent) return;
    }
  } catch (err) {
    if (!(err instanceof OAuthError) || err.status >= 500 || ctx.res.headersSent) throw err;
    // A decision that lost a race to another one: show what won.
    if (err.status === 409 && ctx.prompt) {
      const current = await ctx.deps.store.findById(ctx.prompt.promptId);
      if (current) return showDecided({ ...ctx, prompt: current });
    }
    const page = errorPage(err.status);
    sendPage(ctx.res, err.status, page.title, page.body, err.status === 405 ? { Allow: 'GET, POST' } : {});
  }
}

/**
 * The hosted approval page that email, SMS and other human-read channels link to:
 * `GET /device/approve/{prompt_id}?t=<decision_token>` shows the request with Approve / Deny, and
 * `POST /device/approve/{prompt_id}` records the answer exactly as the device decision endpoint does
 * (same store call, same event, same idempotency). Every answer is an HTML page, errors included.
 */
export function deviceApprovalRoutes(options: DeviceApprovalOptions): Router {
  const deps: ApprovalDeps = {
    logger: options.logger,
    store: options.store,
    now: options.now,
    directory: options.directory,
    csrfKey: csrfKey(options.csrfSecret),
    secureCookies: options.secureCookies,
  };
  const context = (req: Request, res: Response): ApprovalContext => ({ req, res, deps });
  const router = Router();
  router
    .route(DEVICE_APPROVAL_PATH)
    .get((req, res) => run(APPROVAL_PAGE_STEPS, context(req, res)))
    .post((req, res) => run(APPROVAL_FORM_STEPS, context(req, res)))
    .all((req, res) => {
      const page = errorPage(405);
      sendPage(res, 405, page.title, page.body, { Allow: 'GET, POST' });
    });
  return router;
}
