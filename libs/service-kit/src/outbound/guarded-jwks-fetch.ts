import type { FetchImplementation } from 'jose';
import { checkOutboundUrl } from './check-outbound-url.ts';
import { outboundAgent } from './outbound-agent.ts';

/** Largest JWK Set read from a client's `jwks_uri`. */
const MAX_JWKS_BYTES = 64 * 1024;
const TIMEOUT_MS = 5000;

/**
 * How a JWK Set URL (a client's `jwks_uri`, a trusted hint issuer's) is fetched (jose `customFetch`): through the outbound agent of
 * `@ciba/service-kit`, so in production the addresses actually connected to must be public (no
 * loopback, private, link-local or metadata address, whatever DNS answers); no redirect is followed
 * and at most 64 KiB of the answer is read.
 */
export function guardedJwksFetch(production: boolean): FetchImplementation {
  const agent = outboundAgent(production, TIMEOUT_MS);
  return async (url, options) => {
    const target = checkOutboundUrl(url, production);
    const res = await agent.request({
      origin: target.origin,
      path: `${target.pathname}${target.search}`,
      method: 'GET',
      headers: { 'user-agent': 'ciba-server', accept: 'application/jwk-set+json, application/json', ...Object.fromEntries(options.headers) },
      signal: options.signal,
      headersTimeout: TIMEOUT_MS,
      bodyTimeout: TIMEOUT_MS,
    });
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of res.body as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > MAX_JWKS_BYTES) throw new Error('jwks_uri answer is too large');
        chunks.push(chunk);
      }
    } finally {
      res.body.destroy();
    }
    return new Response(Buffer.concat(chunks), { status: res.statusCode });
  };
}
