/** Whether a JWT `aud` claim (a string or an array, RFC 7519 §4.1.3) names one of `accepted`. */
export function hasAudience(aud: unknown, accepted: readonly string[]): boolean {
  const values = typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud : [];
  return values.some((v) => typeof v === 'string' && accepted.includes(v));
}
