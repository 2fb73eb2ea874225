import type { Request } from 'express';
import { InvalidRequest, PayloadTooLarge } from '@ciba/contracts/oauth-errors';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads the raw request body up to `limit` bytes; larger bodies answer 413 without buffering them:
 * reading stops there (the rest is neither read nor buffered). Plain stream listeners rather than an
 * async iterator, which costs a generator, a stream-end watcher and a promise per chunk on every
 * request of the hot endpoints.
 */
export function readBody(req: Request, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.reject(new PayloadTooLarge(`request body exceeds ${limit} bytes`));
  if (req.readableEnded) return Promise.resolve('');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => void req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      done();
      req.pause();
      reject(new PayloadTooLarge(`request body exceeds ${limit} bytes`));
    };
    const onEnd = () => {
      done();
      let text: string;
      try {
        text = utf8.decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
      } catch {
        return reject(new InvalidRequest('request body is not valid UTF-8'));
      }
      resolve(text);
    };
    const onError = (err: Error) => {
      done();
      reject(err);
    };
    const onClose = () => onError(new Error('request closed before its body ended'));
    req.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}
