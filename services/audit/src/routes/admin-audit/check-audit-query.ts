import type { NextFunction, Request, Response } from 'express';
import { auditQuery } from '@ciba/contracts/api/admin-audit';
import { InvalidRequest } from '@ciba/contracts/oauth-errors';
import type { AuditQuery } from '../../adapters/db/audit-store.ts';

/** The query string as an `AuditQuery` in `res.locals.query`; one value per parameter; a bad one → 400 `invalid_request`. */
export const checkAuditQuery = (pageMax: number) => (req: Request, res: Response, next: NextFunction) => {
  const params = new URL(req.originalUrl, 'http://audit').searchParams;
  const single: Record<string, string> = {};
  for (const [name, value] of params) {
    if (name in single) throw new InvalidRequest(`${name} may be given once`);
    single[name] = value;
  }
  const parsed = auditQuery.safeParse(single);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InvalidRequest(`${issue.path.join('.') || 'query'}: ${issue.message.toLowerCase()}`);
  }
  const { sub, client_id: clientId, request_id: requestId, limit, cursor } = parsed.data;
  const query: AuditQuery = {
    ...(sub !== undefined ? { sub } : {}),
    ...(clientId !== undefined ? { clientId } : {}),
    ...(requestId !== undefined ? { requestId } : {}),
    ...(cursor !== undefined ? { before: BigInt(cursor) } : {}),
    limit: Math.min(limit ?? 100, pageMax),
  };
  res.locals.query = query;
  next();
};
