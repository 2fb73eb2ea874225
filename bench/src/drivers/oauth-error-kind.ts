/** `status error` of an OAuth error answer, or `status` alone when the body is not one. */
export function oauthErrorKind(status: number, body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: unknown };
    return typeof parsed.error === 'string' ? `${status} ${parsed.error}` : String(status);
  } catch {
    return String(status);
  }
}
