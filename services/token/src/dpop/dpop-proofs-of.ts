import type { Request } from 'express';

/** Every `DPoP` header value of the request, each on its own (RFC 9449 §4.3 item 1 allows one). */
export function dpopProofsOf(req: Request): string[] {
  return req.headersDistinct.dpop ?? [];
}
