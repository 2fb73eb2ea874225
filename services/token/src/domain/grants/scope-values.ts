/** The distinct values of a space-delimited `scope` (RFC 6749 §3.3), in their first order. */
export function scopeValues(scope: string | null | undefined): string[] {
  return [...new Set((scope ?? '').split(' ').filter(Boolean))];
}
