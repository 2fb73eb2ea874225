import { createHash, randomBytes, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { exportJWK, type JWK } from 'jose';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY = 86_400_000;

/** A key pair and its certificate, as a client (or a CA) would hold them. */
export interface TestCertificate {
  pem: string;
  keys: webcrypto.CryptoKeyPair;
  certificate: x509.X509Certificate;
  /** `x5t#S256`. */
  thumbprint: string;
  /** What the ingress puts in `MTLS_CLIENT_CERT_HEADER` (nginx `$ssl_client_escaped_cert`). */
  header: string;
}

function wrap(certificate: x509.X509Certificate, keys: webcrypto.CryptoKeyPair): TestCertificate {
  const pem = certificate.toString('pem');
  return {
    pem,
    keys,
    certificate,
    thumbprint: createHash('sha256').update(Buffer.from(certificate.rawData)).digest('base64url'),
    header: encodeURIComponent(pem),
  };
}

const newKeys = () => webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify']) as Promise<webcrypto.CryptoKeyPair>;

/** A CA of the kind the ingress trusts for `tls_client_auth`. */
export async function testCa(name = 'CN=Test Client CA,O=Test Bank,C=GB'): Promise<TestCertificate> {
  const keys = await newKeys();
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomBytes(8).toString('hex'),
    name,
    notBefore: new Date(Date.now() - DAY),
    notAfter: new Date(Date.now() + DAY),
    keys,
    signingAlgorithm: ALG,
    extensions: [new x509.BasicConstraintsExtension(true, 0, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign, true)],
  });
  return wrap(certificate, keys);
}

/** A client certificate issued by `ca`, with the given subject DN and SAN entries. */
export async function issueClientCertificate(ca: TestCertificate, subject: string, sans: { type: 'dns' | 'url' | 'ip' | 'email'; value: string }[] = []): Promise<TestCertificate> {
  const keys = await newKeys();
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: randomBytes(8).toString('hex'),
    subject,
    issuer: ca.certificate.subject,
    notBefore: new Date(Date.now() - DAY),
    notAfter: new Date(Date.now() + DAY),
    publicKey: keys.publicKey,
    signingKey: ca.keys.privateKey,
    signingAlgorithm: ALG,
    extensions: [
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
      ...(sans.length > 0 ? [new x509.SubjectAlternativeNameExtension(sans)] : []),
    ],
  });
  return wrap(certificate, keys);
}

/** A self-signed client certificate (`self_signed_tls_client_auth`) and its public JWK with `x5c`. */
export async function selfSignedCertificate(subject = 'CN=self-signed-rp'): Promise<TestCertificate & { jwk: JWK }> {
  const keys = await newKeys();
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomBytes(8).toString('hex'),
    name: subject,
    notBefore: new Date(Date.now() - DAY),
    notAfter: new Date(Date.now() + DAY),
    keys,
    signingAlgorithm: ALG,
  });
  const jwk = { ...(await exportJWK(keys.publicKey)), kid: randomBytes(4).toString('hex'), x5c: [Buffer.from(certificate.rawData).toString('base64')] };
  return { ...wrap(certificate, keys), jwk };
}
