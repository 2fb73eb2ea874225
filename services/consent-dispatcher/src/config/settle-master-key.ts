import { developmentMasterKey, parseKey } from '@ciba/channel-kit';
import { ConfigError, type BaseConfig } from '@ciba/service-kit';

/** `CHANNEL_MASTER_KEY` as bytes: required in production, else the development key derived from `ADMIN_TOKEN`. */
export function settleMasterKey(text: string | undefined, base: Pick<BaseConfig, 'production' | 'adminToken'>): Uint8Array {
  if (text === undefined) {
    if (base.production) throw new ConfigError('invalid configuration: CHANNEL_MASTER_KEY: required when NODE_ENV=production');
    return developmentMasterKey(base.adminToken);
  }
  try {
    return parseKey(text);
  } catch (err) {
    throw new ConfigError(`invalid configuration: CHANNEL_MASTER_KEY: ${(err as Error).message}`);
  }
}
