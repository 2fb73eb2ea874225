import type { BackchannelAuthenticationResponse } from '@ciba/contracts/api/backchannel-authentication';
import type { BackchannelStep } from './context.ts';
import { settled } from './settled.ts';

/** The acknowledgement (CIBA Core §7.3): `auth_req_id`, `expires_in`, and `interval` unless push mode. */
export const sendResponse: BackchannelStep = (ctx) => {
  const result = settled(ctx.result, 'result');
  const body: BackchannelAuthenticationResponse = {
    auth_req_id: result.authReqId,
    expires_in: result.expiresIn,
    ...(result.interval !== undefined ? { interval: result.interval } : {}),
  };
  ctx.res.status(200).set({ 'Cache-Control': 'no-store', Pragma: 'no-cache' }).json(body);
};
