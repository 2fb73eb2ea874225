/** Whether a value has the shape of a signed compact JWS (three base64url parts, signature present). */
export function isCompactJws(value: string): boolean {
  return value.length <= 65_536 && /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(value);
}
