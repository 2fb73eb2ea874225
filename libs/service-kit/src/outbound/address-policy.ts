import { isMetadataAddress } from './is-metadata-address.ts';
import { isPublicAddress } from './is-public-address.ts';

/**
 * Whether an outbound call may connect to `ip`. Production: public addresses only. Development:
 * anything but the cloud metadata services (so a device gateway on 127.0.0.1 or localhost works).
 */
export function isAllowedAddress(ip: string, production: boolean): boolean {
  return production ? isPublicAddress(ip) : !isMetadataAddress(ip);
}
