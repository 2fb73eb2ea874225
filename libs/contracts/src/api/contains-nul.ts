/**
 * Whether any string in a JSON value (object keys included) holds NUL: PostgreSQL text and jsonb
 * cannot store one, so such input is refused with a 4xx before it reaches a statement.
 */
export function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(containsNul);
  if (value !== null && typeof value === 'object') return Object.entries(value).some(([key, inner]) => key.includes('\u0000') || containsNul(inner));
  return false;
}
