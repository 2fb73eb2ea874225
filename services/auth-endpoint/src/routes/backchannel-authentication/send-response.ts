import type { BackchannelAuthenticationResponse } from '@ciba/contracts/api/backchannel-authentication';
import { sendJson } from '@ciba/service-kit';
import type { BackchannelStep } from './context.ts';
import { settled } from './settled.ts';

const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

/** The acknowledgement (CIBA Core §7.3): `auth_req_id`, `expires_in`, and `interval` unless push mode. */
export const sendResponse: BackchannelStep = (ctx) => {
  const result = settled(ctx.result, 'result');
  const body: BackchannelAuthenticationResponse = {
    auth_req_id: result.authReqId,
    expires_in: result.expiresIn,
    ...(result.interval !== undefined ? { interval: result.interval } : {}),
  };
  sendJson(ctx.res, 200, body, NO_STORE);
};
