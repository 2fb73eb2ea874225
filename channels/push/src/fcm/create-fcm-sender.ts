import type { ChannelResult } from '@ciba/channel-kit';
import type { ChannelDelivery } from '@ciba/contracts';
import { OutboundError } from '@ciba/service-kit';
import { outboundFailure } from '../outbound/outbound-failure.ts';
import { sendRequest } from '../outbound/send-request.ts';
import type { PushLogger } from '../push-logger.ts';
import { accessTokenCache } from './access-token-cache.ts';
import { fcmMessage } from './fcm-message.ts';
import { fcmOutcome } from './fcm-outcome.ts';
import { jwtBearerAssertion } from './jwt-bearer-assertion.ts';
import { requestAccessToken } from './request-access-token.ts';
import type { ServiceAccount } from './service-account.ts';
import { TokenEndpointError } from './token-endpoint-error.ts';

export interface FcmSenderOptions {
  account: ServiceAccount;
  /** `https://fcm.googleapis.com`, or a stand-in (tests). */
  baseUrl: string;
  /** Bound on one call (token endpoint or FCM), milliseconds. */
  timeoutMs: number;
  production: boolean;
  now: () => number;
  logger?: PushLogger;
}

/** Sends the prompt to one app instance's registration token. */
export type FcmSender = (registrationToken: string, delivery: ChannelDelivery, signal: AbortSignal) => Promise<ChannelResult>;

/**
 * FCM HTTP v1: `POST <base>/v1/projects/<project_id>/messages:send` with the service account's access
 * token (JWT-bearer grant, cached until shortly before expiry). A 401 from FCM drops the cached token
 * and the message is sent once more with a fresh one. A token endpoint that refuses the account fails
 * the delivery `rejected` (logged: the operator's credentials need attention).
 */
export function createFcmSender(options: FcmSenderOptions): FcmSender {
  const { account, timeoutMs, production, now, logger } = options;
  const sign = jwtBearerAssertion(account);
  const tokens = accessTokenCache(async () => requestAccessToken(account, await sign(now()), { timeoutMs, production }), now);
  const url = `${options.baseUrl.replace(/\/+$/, '')}/v1/projects/${encodeURIComponent(account.project_id)}/messages:send`;

  const send = async (accessToken: string, body: string, signal: AbortSignal) =>
    sendRequest(url, { headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' }, body, timeoutMs, production, signal, traceTarget: 'fcm' });

  return async (registrationToken, delivery, signal) => {
    const body = JSON.stringify(fcmMessage(registrationToken, delivery));
    try {
      let accessToken = await tokens.get(signal);
      let answer = await send(accessToken, body, signal);
      if (answer.status === 401) {
        tokens.invalidate(accessToken);
        accessToken = await tokens.get(signal);
        answer = await send(accessToken, body, signal);
      }
      return fcmOutcome(answer.status, answer.body);
    } catch (err) {
      if (err instanceof OutboundError) return outboundFailure(err);
      if (err instanceof TokenEndpointError) {
        logger?.warn({ channel: 'push', provider: 'fcm', token_endpoint_status: err.status }, 'the token endpoint refused the service account');
        return { delivered: false, reason: 'rejected' };
      }
      if (signal.aborted) return { delivered: false, reason: 'timeout' };
      throw err;
    }
  };
}
