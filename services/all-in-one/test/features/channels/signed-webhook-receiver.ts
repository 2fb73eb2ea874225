import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRemoteJWKSet, flattenedVerify } from 'jose';

/** One POST the receiver took: its raw body, its `Ciba-Signature`, and whether that verified. */
export interface SignedPrompt {
  raw: Buffer;
  signature: string | undefined;
  /** The prompt, when the signature verified against the server's /jwks with `typ` ciba-prompt+jws. */
  verified?: Record<string, unknown>;
  /** Why it did not verify. */
  refused?: string;
}

/**
 * A device webhook on 127.0.0.1 that checks every prompt as a receiver should: the detached JWS of
 * `Ciba-Signature` over the raw body (payload = base64url of the bytes as they came) against the
 * keys at `jwksUrl`, typed `ciba-prompt+jws`. Answers `status` (changeable).
 */
export async function startSignedWebhookReceiver(jwksUrl: string, status = 200) {
  const jwks = createRemoteJWKSet(new URL(jwksUrl));
  const received: SignedPrompt[] = [];
  const receiver = { url: '', received, status, close: async () => {} };
  const verify = async (raw: Buffer, header: string | undefined): Promise<Record<string, unknown>> => {
    const [protectedHeader, payload, signature] = (header ?? '').split('.');
    if (!protectedHeader || payload !== '' || !signature) throw new Error('missing or malformed Ciba-Signature');
    const { protectedHeader: decoded } = await flattenedVerify({ protected: protectedHeader, payload: raw.toString('base64url'), signature }, jwks);
    if (decoded?.typ !== 'ciba-prompt+jws') throw new Error(`typ ${String(decoded?.typ)}`);
    return JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const raw = Buffer.concat(chunks);
      const signature = req.headers['ciba-signature'] as string | undefined;
      try {
        received.push({ raw, signature, verified: await verify(raw, signature) });
      } catch (err) {
        received.push({ raw, signature, refused: (err as Error).message });
      }
      res.writeHead(receiver.status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ciba`;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return receiver;
}
