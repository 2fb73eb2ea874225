import { createHmac, timingSafeEqual } from 'node:crypto';

/** The peer's device credential for one request: HMAC-SHA256 of its id under a per-run secret. */
export function decisionToken(secret: string, authReqId: string): string {
  return createHmac('sha256', secret).update(authReqId).digest('base64url');
}

/** Constant-time check of a presented decision token. */
export function isDecisionToken(secret: string, authReqId: string, presented: string): boolean {
  const expected = Buffer.from(decisionToken(secret, authReqId));
  const given = Buffer.from(presented);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
