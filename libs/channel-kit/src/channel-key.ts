import { createHash, hkdfSync } from 'node:crypto';

/** A channel's 256-bit sealing key (`dir` + `A256GCM`). */
export type ChannelKey = Uint8Array;

const KEY_BYTES = 32;

/**
 * The key of one channel, derived from the dispatcher's master key (HKDF-SHA256, info
 * `ciba channel-offers <channel>`): the dispatcher holds the master, each channel only its own key,
 * so a plug-in cannot open another channel's offers. `npm run channel-key -- <channel>` prints it.
 */
export function deriveChannelKey(masterKey: Uint8Array, channel: string): ChannelKey {
  if (masterKey.length < KEY_BYTES) throw new TypeError('the channel master key must be at least 32 bytes');
  return new Uint8Array(hkdfSync('sha256', masterKey, new Uint8Array(0), `ciba channel-offers ${channel}`, KEY_BYTES));
}

/** A key given as base64url text (`CHANNEL_KEY`, `CHANNEL_MASTER_KEY`): at least 32 bytes; throws otherwise. */
export function parseKey(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(text)) throw new TypeError('expected base64url');
  const key = new Uint8Array(Buffer.from(text, 'base64url'));
  if (key.length < KEY_BYTES) throw new TypeError('expected at least 32 bytes (43 base64url characters)');
  return key;
}

/**
 * Development only: the master key every process of one installation can agree on without setting
 * one, derived from the shared `ADMIN_TOKEN`. Production requires `CHANNEL_MASTER_KEY`.
 */
export function developmentMasterKey(adminToken: string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(`ciba development channel master key\0${adminToken}`).digest());
}
