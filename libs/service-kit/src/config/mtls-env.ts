import { z } from 'zod';
import ipaddr from 'ipaddr.js';
import { emptyToUndefined } from './env-fields.ts';

const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/;

const isCidr = (value: string) => {
  try {
    ipaddr.parseCIDR(value);
    return true;
  } catch {
    return ipaddr.isValid(value);
  }
};

/**
 * mTLS behind a TLS-terminating ingress (RFC 8705): the ingress verifies the client certificate and
 * forwards it, URL-encoded PEM (nginx `$ssl_client_escaped_cert`), in one request header. Read by
 * every service that authenticates clients or checks certificate-bound tokens.
 */
export const mtlsEnv = z.object({
  /**
   * Name of the request header in which the TLS-terminating ingress forwards the client certificate
   * it verified, as URL-encoded PEM (nginx: `proxy_set_header X-SSL-Client-Cert $ssl_client_escaped_cert`).
   * Unset: no mTLS (`tls_client_auth`, `self_signed_tls_client_auth` and certificate-bound tokens are
   * not offered). The header is honoured only from `MTLS_TRUSTED_PROXIES`. @defaultValue unset (off)
   */
  MTLS_CLIENT_CERT_HEADER: z.preprocess(emptyToUndefined, z.string().regex(HEADER_NAME, 'expected an HTTP header name').optional()),
  /**
   * Comma-separated addresses or CIDR blocks of the ingress that sets `MTLS_CLIENT_CERT_HEADER`
   * (e.g. `10.0.0.0/8,fd00::/8`); the header from any other peer is ignored. Required when the header is set.
   * @defaultValue none
   */
  MTLS_TRUSTED_PROXIES: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .transform((s) => s.split(',').map((part) => part.trim()).filter((part) => part.length > 0))
      .refine((parts) => parts.every(isCidr), 'expected comma-separated IP addresses or CIDR blocks')
      .optional(),
  ),
});
export type MtlsEnv = z.infer<typeof mtlsEnv>;
