import { X509Certificate, SubjectAlternativeNameExtension } from '@peculiar/x509';
import { InvalidClient } from '@ciba/contracts/oauth-errors';
import type { ClientRecord } from '../domain/clients/client-record.ts';

const SAN_TYPES = { tls_client_auth_san_dns: 'dns', tls_client_auth_san_uri: 'url', tls_client_auth_san_ip: 'ip', tls_client_auth_san_email: 'email' } as const;

/** An IP address in one canonical text form, so `::1` and `0:0:0:0:0:0:0:1` compare equal. */
const canonicalIp = (ip: string) => (ip.includes(':') ? new URL(`http://[${ip}]/`).hostname : ip);

/**
 * `tls_client_auth` (RFC 8705 §2.1): the ingress validated the certificate chain against the trusted
 * CAs; here its subject must be the one registered: the subject DN (RFC 4514 normal form, string
 * equality) or one SAN entry of the registered kind equal to the registered value.
 * @see https://www.rfc-editor.org/rfc/rfc8705#section-2.1.2
 */
export function verifyTlsClientAuth(client: ClientRecord, pem: string): void {
  const m = client.metadata;
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(pem);
  } catch (err) {
    throw new InvalidClient('client certificate is invalid', { cause: err });
  }
  if (m.tls_client_auth_subject_dn !== undefined) {
    if (certificate.subjectName.toString() === m.tls_client_auth_subject_dn) return;
    throw new InvalidClient('client certificate subject does not match tls_client_auth_subject_dn');
  }
  for (const [field, type] of Object.entries(SAN_TYPES) as [keyof typeof SAN_TYPES, string][]) {
    const expected = m[field];
    if (expected === undefined) continue;
    const names = certificate.getExtension(SubjectAlternativeNameExtension)?.names.toJSON() ?? [];
    const want = type === 'ip' ? canonicalIp(expected) : expected;
    if (names.some((name) => name.type === type && (type === 'ip' ? canonicalIp(name.value) : name.value) === want)) return;
    throw new InvalidClient(`client certificate does not carry the registered ${field}`);
  }
  throw new InvalidClient('client has no registered certificate subject');
}
