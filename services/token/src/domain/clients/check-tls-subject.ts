import { isIP } from 'node:net';
import { Name } from '@peculiar/x509';
import { TLS_CLIENT_AUTH_SUBJECT_FIELDS, type ClientRegistrationRequest } from '@ciba/contracts/api/registration';

export type TlsSubjectField = (typeof TLS_CLIENT_AUTH_SUBJECT_FIELDS)[number];

/**
 * `tls_client_auth` (RFC 8705 §2.1.2): exactly one subject field, well-formed. Returns the field and
 * its value as stored (a DN in its RFC 4514 normal form, so comparisons are string equality), or what
 * is wrong.
 */
export function checkTlsSubject(m: ClientRegistrationRequest): { field: TlsSubjectField; value: string } | string {
  const given = TLS_CLIENT_AUTH_SUBJECT_FIELDS.filter((field) => m[field] !== undefined);
  if (given.length !== 1) return `tls_client_auth requires exactly one of ${TLS_CLIENT_AUTH_SUBJECT_FIELDS.join(', ')}`;
  const field = given[0]!;
  const value = m[field]!;
  if (field === 'tls_client_auth_subject_dn') {
    const normal = normalDn(value);
    return normal ? { field, value: normal } : 'tls_client_auth_subject_dn must be a distinguished name (RFC 4514, e.g. CN=rp,O=Bank,C=GB)';
  }
  if (field === 'tls_client_auth_san_ip' && isIP(value) === 0) return 'tls_client_auth_san_ip must be an IP address';
  return { field, value };
}

/** The RFC 4514 normal form of a DN, or undefined when it does not parse into attribute=value pairs. */
function normalDn(value: string): string | undefined {
  try {
    const name = new Name(value);
    const rdns = name.toJSON();
    const wellFormed = (rdn: Record<string, string[]>) => Object.keys(rdn).length > 0 && Object.entries(rdn).every(([type, values]) => type.length > 0 && values.every((v) => v.length > 0));
    if (rdns.length === 0 || !rdns.every(wellFormed)) return undefined;
    return name.toString();
  } catch {
    return undefined;
  }
}
