import type { Response } from 'express';

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * Answers `body` as JSON: on the wire exactly what `res.status(status).set(headers).json(body)` sends
 * in an app from `createApp` (the same header names, order and values, `Content-Type:
 * application/json; charset=utf-8`, `Content-Length`), without express's per-answer content-type
 * parsing. A type an earlier step set, a `Content-Type` in `headers`, or ETags switched on take
 * express's own path.
 */
export function sendJson(res: Response, status: number, body: unknown, headers?: Record<string, string>): void {
  if (!plainJson(res, headers)) {
    res.status(status);
    if (headers) res.set(headers);
    res.json(body);
    return;
  }
  const text = JSON.stringify(body);
  res.statusCode = status;
  if (headers) for (const name in headers) res.setHeader(name, headers[name]!);
  res.setHeader('Content-Type', JSON_TYPE);
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}

function plainJson(res: Response, headers: Record<string, string> | undefined): boolean {
  if (res.hasHeader('Content-Type') || res.app.get('etag fn')) return false;
  if (headers) for (const name in headers) if (name.toLowerCase() === 'content-type') return false;
  return true;
}
