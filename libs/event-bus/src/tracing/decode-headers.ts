/** Most headers a message may carry, and the longest name and value kept. */
const MAX_HEADERS = 16;
const MAX_NAME = 64;
const MAX_VALUE = 512;

/**
 * Message headers as the bus hands them to handlers, from what a broker or a row holds: a JSON
 * object (a Redis stream entry's `headers` field, an outbox row's `trace_context`) or Kafka's
 * record headers (`Buffer` or string values). Keeps string values only, at most 16 of them,
 * lower-case names up to 64 characters, values up to 512; anything else (not JSON, not an object,
 * nothing left) is undefined, never an error: headers only inform tracing.
 */
export function decodeHeaders(raw: unknown): Record<string, string> | undefined {
  let source = raw;
  if (typeof source === 'string') {
    if (source.length === 0 || source.length > MAX_HEADERS * (MAX_NAME + MAX_VALUE)) return undefined;
    try {
      source = JSON.parse(source);
    } catch {
      return undefined;
    }
  }
  if (typeof source !== 'object' || source === null || Array.isArray(source)) return undefined;
  const headers: Record<string, string> = {};
  let count = 0;
  for (const [name, value] of Object.entries(source)) {
    const text = Buffer.isBuffer(value) ? value.toString('utf8') : value;
    if (typeof text !== 'string' || name.length === 0 || name.length > MAX_NAME || text.length > MAX_VALUE) continue;
    headers[name.toLowerCase()] = text;
    if (++count >= MAX_HEADERS) break;
  }
  return count > 0 ? headers : undefined;
}
