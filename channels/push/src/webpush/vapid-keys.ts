/**
 * The application server's VAPID identity (RFC 8292): a P-256 key pair, base64url (the public key
 * uncompressed, 65 bytes, as browsers take it for `applicationServerKey`; the private key 32 bytes),
 * and a contact (`mailto:` or `https:`) the push service may use.
 */
export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  subject: string;
}
