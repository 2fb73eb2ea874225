import type { NextFunction, Request, Response } from 'express';
import type { AuthRequestsPort } from '@ciba/contracts';
import { InvalidRequest, NotFound } from '@ciba/contracts/oauth-errors';
import { requestIdOfAuthReqId } from './request-id-of-auth-req-id.ts';

/** Longest `auth_req_id` looked up (ours are 43 characters; the auth-requests port accepts 200). */
const MAX_AUTH_REQ_ID = 200;

/**
 * Operator-route step: resolves `?auth_req_id=<auth_req_id>` to the request's internal id in
 * `res.locals.requestId`, for the steps that load by `request_id` after it. 400 when the parameter is
 * missing, repeated or too long; 404 when no request has that `auth_req_id`. The value stays in the
 * query string, which the error log (method and path only) never records.
 *
 * @example router.get('/admin/notifications', requireAdmin(token), requestIdFromQuery(authRequests), loadNotification(store), …)
 */
export function requestIdFromQuery(authRequests: Pick<AuthRequestsPort, 'findByAuthReqIdHash'>) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const value = req.query.auth_req_id;
    if (typeof value !== 'string' || value === '') throw new InvalidRequest('auth_req_id is required, once');
    if (value.length > MAX_AUTH_REQ_ID) throw new InvalidRequest('auth_req_id is too long');
    const requestId = await requestIdOfAuthReqId(authRequests, value);
    if (!requestId) throw new NotFound('no request with this auth_req_id');
    res.locals.requestId = requestId;
    next();
  };
}
