import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/** Instance metadata endpoints of the cloud providers (AWS, GCP, Azure, OpenStack; AWS's IPv6 one). */
const METADATA = ['169.254.169.254', 'fd00:ec2::254'].map((a) => ipaddr.parse(a).toNormalizedString());

/** Whether `ip` is a cloud metadata service: never called, not even in development. */
export function isMetadataAddress(ip: string): boolean {
  if (isIP(ip) === 0) return false;
  return METADATA.includes(ipaddr.process(ip).toNormalizedString());
}
