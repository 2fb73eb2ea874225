import type { NextFunction, Request, Response } from 'express';
import { NotFound } from '@ciba/contracts/oauth-errors';
import { sha256 } from '@ciba/service-kit';
import type { AdminPromptDeps } from './index.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const AUTH_REQ_ID = /^[A-Za-z0-9._~-]{1,200}$/;

/**
 * Loads the prompt named by the path into `res.locals.prompt`: a UUID is the request id; anything
 * else is taken as an `auth_req_id`, looked up by its SHA-256 through the auth-requests port (the
 * dispatcher never stores it). 404 when neither finds a prompt.
 */
export function loadAdminPrompt(deps: Pick<AdminPromptDeps, 'store' | 'authRequests'>) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const id = String(req.params.id);
    let requestId: string | undefined;
    if (UUID.test(id)) requestId = id.toLowerCase();
    else if (AUTH_REQ_ID.test(id)) requestId = (await deps.authRequests.findByAuthReqIdHash(sha256(id)))?.request_id;
    const prompt = requestId ? await deps.store.findByRequestId(requestId) : null;
    if (!prompt) throw new NotFound('no consent prompt for this request');
    res.locals.prompt = prompt;
    next();
  };
}
