import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';

/**
 * Seals and opens the secrets of `client_secret_jwt` clients (AES-256-GCM, node:crypto): a random
 * 96-bit IV per secret, the client_id as associated data so a sealed value moved to another client's
 * row does not open. Stored as `v1.<iv>.<ciphertext>.<tag>` (base64url).
 */
export interface ClientSecretCipher {
  seal(clientId: string, secret: string): string;
  /** The secret, or null when the value does not open under this key (wrong key, tampered, other client). */
  open(clientId: string, sealed: string): string | null;
}

export function clientSecretCipher(key: Buffer): ClientSecretCipher {
  return {
    seal(clientId, secret) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(clientId, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
      return [VERSION, iv, ciphertext, cipher.getAuthTag()].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
    },
    open(clientId, sealed) {
      const [version, iv, ciphertext, tag] = sealed.split('.');
      if (version !== VERSION || !iv || !ciphertext || !tag) return null;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(clientId, 'utf8'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        return null;
      }
    },
  };
}
