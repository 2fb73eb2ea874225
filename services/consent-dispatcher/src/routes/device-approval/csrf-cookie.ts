import type { Request, Response } from 'express';

/** The cookie of one prompt's CSRF token; one per prompt, so two open approval pages do not clash. */
export function csrfCookieName(promptId: string): string {
  return `ciba_csrf_${promptId}`;
}

/** Sets the CSRF cookie: HttpOnly, SameSite=Strict, `Secure` over https, for at most `maxAgeSeconds`. */
export function setCsrfCookie(res: Response, promptId: string, value: string, maxAgeSeconds: number, secure: boolean): void {
  const attributes = [`Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`, 'HttpOnly', 'SameSite=Strict', ...(secure ? ['Secure'] : [])];
  res.append('Set-Cookie', `${csrfCookieName(promptId)}=${value}; ${attributes.join('; ')}`);
}

/** Drops the CSRF cookie once the prompt is decided. */
export function clearCsrfCookie(res: Response, promptId: string, secure: boolean): void {
  setCsrfCookie(res, promptId, '', 0, secure);
}

/** The CSRF cookie the browser sent, if any. */
export function readCsrfCookie(req: Request, promptId: string): string | undefined {
  const name = `${csrfCookieName(promptId)}=`;
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const cookie = part.trim();
    if (cookie.startsWith(name)) return cookie.slice(name.length);
  }
  return undefined;
}
