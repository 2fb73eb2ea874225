import { createDecipheriv, hkdfSync, type ECDH } from 'node:crypto';

const concat = (...parts: Uint8Array[]) => Buffer.concat(parts);
const text = (s: string) => Buffer.from(s, 'latin1');

/**
 * What a browser does with a push message (RFC 8291 §3, RFC 8188): written from the RFCs with node's
 * crypto, independent of the library that encrypted it. Reads the aes128gcm header (salt, record size,
 * the sender's public key as key id), derives the shared secret (ECDH with the subscription's private
 * key), the IKM (HKDF with the auth secret, `WebPush: info`), the content key and nonce (HKDF with the
 * salt), decrypts every record (AES-128-GCM) and strips the padding. Throws when anything is off.
 */
export function decryptAes128gcm(body: Buffer, subscriber: ECDH, authSecret: Buffer): Buffer {
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const idLength = body[20]!;
  const senderPublicKey = body.subarray(21, 21 + idLength);
  if (salt.length !== 16 || idLength !== 65 || recordSize < 18) throw new Error('not an aes128gcm header with a P-256 key id');
  const ecdhSecret = subscriber.computeSecret(senderPublicKey);
  const keyInfo = concat(text('WebPush: info\0'), subscriber.getPublicKey(), senderPublicKey);
  const ikm = Buffer.from(hkdfSync('sha256', ecdhSecret, authSecret, keyInfo, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, text('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, text('Content-Encoding: nonce\0'), 12));
  const records = body.subarray(21 + idLength);
  const plain: Buffer[] = [];
  for (let offset = 0, seq = 0; offset < records.length; offset += recordSize, seq += 1) {
    const record = records.subarray(offset, offset + recordSize);
    const last = offset + recordSize >= records.length;
    const iv = Buffer.from(nonce);
    iv.writeUInt32BE((iv.readUInt32BE(8) ^ seq) >>> 0, 8); // the record sequence number XORs the nonce's low bits
    const decipher = createDecipheriv('aes-128-gcm', cek, iv);
    decipher.setAuthTag(record.subarray(record.length - 16));
    const padded = concat(decipher.update(record.subarray(0, record.length - 16)), decipher.final());
    let end = padded.length - 1;
    while (end >= 0 && padded[end] === 0) end -= 1;
    if (padded[end] !== (last ? 2 : 1)) throw new Error('bad padding delimiter');
    plain.push(padded.subarray(0, end));
  }
  return concat(...plain);
}
