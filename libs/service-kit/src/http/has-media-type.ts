import type { Request } from 'express';

/**
 * `req.is(type)` as a boolean: the request has a body whose media type, ignoring parameters and
 * case, is `type` (a lower-case `type/subtype`). The header clients send, exactly `type`, is checked
 * here without parsing; any other spelling gets type-is's parsing, so what is accepted stays the same.
 */
export function hasMediaType(req: Request, type: string): boolean {
  const { headers } = req;
  if (headers['content-type'] === type) return headers['transfer-encoding'] !== undefined || !isNaN(headers['content-length'] as unknown as number);
  return Boolean(req.is(type));
}
