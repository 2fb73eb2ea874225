import type { AuthEndpointConfig } from '../../config.ts';

/** The URL of this endpoint: accepted as a JWT audience besides the issuer identifier. */
export function endpointUrl(config: Pick<AuthEndpointConfig, 'publicUrl'>): string {
  return `${config.publicUrl}/bc-authorize`;
}
