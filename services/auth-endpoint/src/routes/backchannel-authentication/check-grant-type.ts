import { CIBA_GRANT_TYPE } from '@ciba/contracts';
import { UnauthorizedClient } from '@ciba/contracts/oauth-errors';
import type { BackchannelStep } from './context.ts';
import { settled } from './settled.ts';

/** Only clients registered for the CIBA grant may start a request (CIBA Core §4, §13). */
export const checkGrantType: BackchannelStep = (ctx) => {
  const client = settled(ctx.client, 'client');
  if (!client.grant_types.includes(CIBA_GRANT_TYPE)) {
    throw new UnauthorizedClient(`client is not registered for the ${CIBA_GRANT_TYPE} grant type`);
  }
};
