import { ConfigError } from '@ciba/service-kit';

/** `CLIENT_SECRET_ENCRYPTION_KEY`: exactly 32 bytes, base64url (or base64). */
export function settleClientSecretKey(text: string): Buffer {
  const key = Buffer.from(text.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''), 'base64url');
  if (!/^[A-Za-z0-9+/_-]+=*$/.test(text) || key.length !== 32) {
    throw new ConfigError('invalid configuration: CLIENT_SECRET_ENCRYPTION_KEY: expected 32 bytes, base64url');
  }
  return key;
}
