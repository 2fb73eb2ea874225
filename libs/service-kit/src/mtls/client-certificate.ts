import { createHash, X509Certificate } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { MtlsConfig } from './mtls-config.ts';
import { trustedProxyCheck } from './is-trusted-proxy.ts';

/** The client certificate of a request, as the ingress verified and forwarded it. */
export interface ClientCertificate {
  /** PEM, as forwarded (URL-decoded). */
  pem: string;
  x509: X509Certificate;
  /** `x5t#S256`: base64url SHA-256 of the DER certificate (RFC 8705 §3.1). */
  thumbprint: string;
}

const MAX_PEM = 16_384;
const PEM = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;

/** The `x5t#S256` thumbprint of a certificate (RFC 8705 §3.1). */
export const certificateThumbprint = (x509: X509Certificate): string => createHash('sha256').update(x509.raw).digest('base64url');

/**
 * Reads the client certificate of a request from `MTLS_CLIENT_CERT_HEADER`: only when the peer is one
 * of `MTLS_TRUSTED_PROXIES` (anyone else could write the header), only a well-formed URL-encoded PEM
 * certificate (the first one, the leaf, when the ingress forwards a chain). Anything else, or mTLS off,
 * is no certificate: the request then has no mTLS client authentication and gets no bound token.
 */
export function clientCertificateReader(config: MtlsConfig | undefined): (req: IncomingMessage) => ClientCertificate | undefined {
  if (!config) return () => undefined;
  const trusted = trustedProxyCheck(config.trustedProxies);
  return (req) => {
    const raw = req.headers[config.header];
    if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_PEM * 3) return undefined;
    if (!trusted(req.socket.remoteAddress)) return undefined;
    let pem: string;
    try {
      pem = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    const block = PEM.exec(pem)?.[0];
    if (!block || block.length > MAX_PEM) return undefined;
    try {
      const x509 = new X509Certificate(block);
      return { pem: block, x509, thumbprint: certificateThumbprint(x509) };
    } catch {
      return undefined;
    }
  };
}
