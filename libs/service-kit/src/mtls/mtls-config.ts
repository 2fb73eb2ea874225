import { ConfigError } from '../config/load-config.ts';
import type { MtlsEnv } from '../config/mtls-env.ts';

/** Where the client certificate comes from, once settled; undefined: mTLS is off. */
export interface MtlsConfig {
  /** Lower-case header name. */
  header: string;
  /** Addresses or CIDR blocks whose requests may carry the header. */
  trustedProxies: string[];
}

/** Settles `MTLS_*`: both set, or the header unset (off). A header without trusted proxies stops the start. */
export function settleMtlsConfig(parsed: MtlsEnv): MtlsConfig | undefined {
  if (!parsed.MTLS_CLIENT_CERT_HEADER) return undefined;
  if (!parsed.MTLS_TRUSTED_PROXIES || parsed.MTLS_TRUSTED_PROXIES.length === 0) {
    throw new ConfigError('invalid configuration: MTLS_TRUSTED_PROXIES: required when MTLS_CLIENT_CERT_HEADER is set');
  }
  return { header: parsed.MTLS_CLIENT_CERT_HEADER.toLowerCase(), trustedProxies: parsed.MTLS_TRUSTED_PROXIES };
}
