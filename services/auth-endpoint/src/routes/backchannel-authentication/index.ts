import { Router, type RequestHandler } from 'express';
import { MethodNotAllowed } from '@ciba/contracts/oauth-errors';
import { BACKCHANNEL_AUTHENTICATION_PATH } from '@ciba/contracts/api/backchannel-authentication';
import { endpoint } from '@ciba/service-kit';
import { authenticateClient } from './authenticate-client.ts';
import { assignRequestId } from './assign-request-id.ts';
import { checkAcrValues } from './check-acr-values.ts';
import { checkBindingMessage } from './check-binding-message.ts';
import { checkGrantType } from './check-grant-type.ts';
import { checkLoad } from './check-load.ts';
import { checkNotificationToken } from './check-notification-token.ts';
import { checkPromptLimits } from './check-prompt-limits.ts';
import { checkRequestedExpiry } from './check-requested-expiry.ts';
import { checkScope } from './check-scope.ts';
import { checkUserCode } from './check-user-code.ts';
import { checkUserHint } from './check-user-hint.ts';
import type { BackchannelContext, BackchannelDeps, BackchannelStep } from './context.ts';
import { loadParameters } from './load-parameters.ts';
import { parseBody } from './parse-body.ts';
import { persistRequest } from './persist-request.ts';
import { resolveUser } from './resolve-user.ts';
import { sendResponse } from './send-response.ts';

/** The backchannel authentication endpoint, in protocol order (CIBA Core §7.1, §7.2, §7.3, §13). */
export const BACKCHANNEL_AUTHENTICATION_STEPS: readonly BackchannelStep[] = [
  parseBody,
  authenticateClient,
  checkGrantType,
  loadParameters,
  checkScope,
  checkUserHint,
  checkBindingMessage,
  checkRequestedExpiry,
  checkLoad,
  checkNotificationToken,
  checkAcrValues,
  resolveUser,
  checkUserCode,
  assignRequestId,
  checkPromptLimits,
  persistRequest,
  sendResponse,
];

/**
 * `POST /bc-authorize`; any other method answers 405 `invalid_request`. OAuth errors are answered by
 * `endpoint`; anything else goes to the app's error handler.
 */
export function backchannelAuthenticationRoutes(deps: BackchannelDeps, post: RequestHandler = backchannelAuthenticationHandler(deps)): Router {
  const router = Router();
  router
    .route(BACKCHANNEL_AUTHENTICATION_PATH)
    .post(post)
    .all(() => {
      throw new MethodNotAllowed('use POST for the backchannel authentication endpoint', { headers: { Allow: 'POST' } });
    });
  return router;
}

/** `POST /bc-authorize`'s steps as one handler (the route's; a service also indexes it among its hot routes). */
export function backchannelAuthenticationHandler(deps: BackchannelDeps): RequestHandler {
  return endpoint(async (req, res) => {
    const ctx: BackchannelContext = { req, res, deps, form: {}, params: {} };
    try {
      for (const step of BACKCHANNEL_AUTHENTICATION_STEPS) await step(ctx);
    } catch (err) {
      // A prompt counted for a request that was not stored is taken back (stored: it stays counted).
      if (ctx.reservation && !ctx.result) await releaseQuietly(ctx);
      throw err;
    }
  });
}

async function releaseQuietly(ctx: BackchannelContext): Promise<void> {
  try {
    await ctx.reservation?.release();
  } catch (err) {
    // Left behind, it expires with its window; meanwhile it errs towards fewer prompts.
    ctx.deps.logger.warn({ reason: err instanceof Error ? err.message : String(err) }, 'could not release a prompt reservation');
  }
}
