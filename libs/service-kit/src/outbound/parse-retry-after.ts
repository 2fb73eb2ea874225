/**
 * `Retry-After` (RFC 9110 §10.2.3) as whole seconds from now: delay-seconds or an HTTP-date.
 * Undefined when absent or unparseable; a date in the past gives 0.
 */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw) return undefined;
  const text = raw.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const at = /^[A-Za-z]{3}, /.test(text) ? Date.parse(text) : Number.NaN; // IMF-fixdate: `Sun, 06 Nov 1994 08:49:37 GMT`
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}
