/** A request has expired from `expires_at` on (inclusive). */
export function isExpired(expiresAt: Date, now: Date): boolean {
  return now.getTime() >= expiresAt.getTime();
}
