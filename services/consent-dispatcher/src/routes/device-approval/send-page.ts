import type { Response } from 'express';
import { escapeHtml } from './escape-html.ts';
import { PAGE_STYLE, PAGE_STYLE_SOURCE } from './page-style.ts';

/** Nothing loads, nothing frames the page, forms post only here; the one stylesheet is allowed by hash. */
const CSP = `default-src 'none'; style-src ${PAGE_STYLE_SOURCE}; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`;

/**
 * Sends one page of the hosted approval flow: `body` is trusted markup built by the views (every value
 * in it escaped by them), `title` is text. Never cached, never framed, no referrer (the link carries
 * the decision token).
 */
export function sendPage(res: Response, status: number, title: string, body: string, headers: Record<string, string> = {}): void {
  res
    .status(status)
    .set({
      ...headers,
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': CSP,
      'Referrer-Policy': 'no-referrer',
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'Cache-Control': 'no-store',
      Pragma: 'no-cache',
    })
    .send(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`);
}
