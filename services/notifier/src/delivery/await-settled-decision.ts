import type { DeliveryDeps } from './delivery-deps.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits (briefly) until the token endpoint answers the request's outcome: the token service learns
 * decisions from the same events as the notifier, and a ping that overtook it would send the client
 * to an `authorization_pending`. False when it did not happen within `settle.waitMs` (or the token
 * service could not be asked); the caller retries later.
 */
export async function awaitSettledDecision(deps: DeliveryDeps, requestId: string): Promise<boolean> {
  const deadline = Date.now() + deps.settle.waitMs;
  for (;;) {
    try {
      if (await deps.tokenIssuer.isDecisionSettled(requestId)) return true;
    } catch (err) {
      deps.logger.warn({ err, request_id: requestId }, 'token service not reachable to check the decision');
      return false;
    }
    if (Date.now() + deps.settle.stepMs > deadline) return false;
    await sleep(deps.settle.stepMs);
  }
}
