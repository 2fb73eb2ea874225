import type { Request } from 'express';
import { InvalidRequest, PayloadTooLarge } from '@ciba/contracts/oauth-errors';

/** Reads the raw request body up to `limit` bytes; larger bodies answer 413 without buffering them. */
export async function readBody(req: Request, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new PayloadTooLarge(`request body exceeds ${limit} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new PayloadTooLarge(`request body exceeds ${limit} bytes`);
    chunks.push(chunk);
  }
  const buf = Buffer.concat(chunks);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    throw new InvalidRequest('request body is not valid UTF-8');
  }
}
