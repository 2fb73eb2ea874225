import { createHash, X509Certificate } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ConfigError, loadConfig } from '../../../src/config/load-config.ts';
import { mtlsEnv } from '../../../src/config/mtls-env.ts';
import { clientCertificateReader } from '../../../src/mtls/client-certificate.ts';
import { trustedProxyCheck } from '../../../src/mtls/is-trusted-proxy.ts';
import { settleMtlsConfig } from '../../../src/mtls/mtls-config.ts';

// A self-signed P-256 certificate (openssl req -x509, valid until 2126): only its bytes matter here.
const PEM = `-----BEGIN CERTIFICATE-----
MIIBmzCCAUGgAwIBAgIUSNbAz5ARo9qiqvGIkEWwyMfRIrkwCgYIKoZIzj0EAwIw
IjERMA8GA1UEAwwIa2l0LXRlc3QxDTALBgNVBAoMBFRlc3QwIBcNMjYxMjA1MTIy
NDA5WhgPMjEyNjExMTExMjI0MDlaMCIxETAPBgNVBAMMCGtpdC10ZXN0MQ0wCwYD
VQQKDARUZXN0MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEdh4kbD8h3Zlg8qEq
IR6iJKRbFScfeI8gGehPGz3qwr3ewuXlioxpmO22m2A+tY+9qZUjJ5ZAO1Kbdqnz
vohum6NTMFEwHQYDVR0OBBYEFFC65AE/gDE7n7w5vg0tRyaunowGMB8GA1UdIwQY
MBaAFFC65AE/gDE7n7w5vg0tRyaunowGMA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZI
zj0EAwIDSAAwRQIhAKOuT4+oRHFuuJeCTb0JHTQ7vPC8KFnXCYfZBHxTacfrAiAF
BOBP2J//n6Jn+OcvUmGXe8Fa5Py3GObUCieFc6AzDA==
-----END CERTIFICATE-----`;
const THUMBPRINT = createHash('sha256').update(new X509Certificate(PEM).raw).digest('base64url');

const request = (remoteAddress: string | undefined, headers: Record<string, string>) => ({ headers, socket: { remoteAddress } }) as unknown as IncomingMessage;
const read = clientCertificateReader({ header: 'x-ssl-client-cert', trustedProxies: ['10.0.0.0/8', '127.0.0.1', 'fd00::/8'] });

describe('clientCertificateReader', () => {
  it('reads the URL-encoded PEM from a trusted proxy (IPv4, IPv4-mapped IPv6, IPv6 range)', () => {
    for (const peer of ['10.1.2.3', '::ffff:127.0.0.1', 'fd00::5']) {
      const certificate = read(request(peer, { 'x-ssl-client-cert': encodeURIComponent(PEM) }));
      expect(certificate?.thumbprint).toBe(THUMBPRINT);
      expect(certificate?.pem).toBe(PEM);
    }
  });

  it('ignores the header from any other peer', () => {
    for (const peer of ['11.0.0.1', '127.0.0.2', '::1', 'fe80::1', undefined]) {
      expect(read(request(peer, { 'x-ssl-client-cert': encodeURIComponent(PEM) }))).toBeUndefined();
    }
  });

  it('takes the leaf of a forwarded chain, and nothing from a malformed value', () => {
    expect(read(request('10.0.0.1', { 'x-ssl-client-cert': encodeURIComponent(`${PEM}\n${PEM}`) }))?.thumbprint).toBe(THUMBPRINT);
    for (const value of ['%E0%A4%A', 'not a certificate', encodeURIComponent(PEM.replace('MIIB', 'MIIC')), '']) {
      expect(read(request('10.0.0.1', { 'x-ssl-client-cert': value }))).toBeUndefined();
    }
  });

  it('reads nothing when mTLS is off', () => {
    expect(clientCertificateReader(undefined)(request('127.0.0.1', { 'x-ssl-client-cert': encodeURIComponent(PEM) }))).toBeUndefined();
  });
});

describe('trustedProxyCheck', () => {
  it('matches addresses and CIDR blocks of the same family only', () => {
    const trusted = trustedProxyCheck(['192.168.0.0/16', '::1']);
    expect([trusted('192.168.9.9'), trusted('::ffff:192.168.0.1'), trusted('::1'), trusted('192.169.0.1'), trusted('::2'), trusted('garbage')]).toEqual([true, true, true, false, false, false]);
  });
});

describe('MTLS_* configuration', () => {
  it('is off without the header, and needs trusted proxies with it', () => {
    expect(settleMtlsConfig(loadConfig(mtlsEnv, {}))).toBeUndefined();
    expect(settleMtlsConfig(loadConfig(mtlsEnv, { MTLS_CLIENT_CERT_HEADER: 'X-SSL-Client-Cert', MTLS_TRUSTED_PROXIES: '10.0.0.0/8, ::1' }))).toEqual({
      header: 'x-ssl-client-cert',
      trustedProxies: ['10.0.0.0/8', '::1'],
    });
    expect(() => settleMtlsConfig(loadConfig(mtlsEnv, { MTLS_CLIENT_CERT_HEADER: 'x-ssl-client-cert' }))).toThrow(
      new ConfigError('invalid configuration: MTLS_TRUSTED_PROXIES: required when MTLS_CLIENT_CERT_HEADER is set'),
    );
    expect(() => loadConfig(mtlsEnv, { MTLS_TRUSTED_PROXIES: '10.0.0.0/33' })).toThrow(/MTLS_TRUSTED_PROXIES/);
    expect(() => loadConfig(mtlsEnv, { MTLS_CLIENT_CERT_HEADER: 'bad header' })).toThrow(/MTLS_CLIENT_CERT_HEADER/);
  });
});
