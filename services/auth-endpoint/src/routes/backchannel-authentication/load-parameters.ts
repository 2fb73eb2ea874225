import { AUTHENTICATION_REQUEST_PARAMETERS, type AuthenticationRequestParameters } from '@ciba/contracts/api/backchannel-authentication';
import { InvalidRequest } from '@ciba/contracts/oauth-errors';
import type { BackchannelStep } from './context.ts';
import { settled } from './settled.ts';
import { verifySignedRequest } from './verify-signed-request.ts';

/**
 * Takes the authentication request parameters from the form, or from the signed request when
 * `request` is sent (CIBA Core §7.1.1): then none may appear outside it. A client that registered
 * `backchannel_authentication_request_signing_alg` must sign its requests.
 */
export const loadParameters: BackchannelStep = async (ctx) => {
  const client = settled(ctx.client, 'client');
  const { form } = ctx;
  if (form.request === undefined) {
    if (client.backchannel_authentication_request_signing_alg) {
      throw new InvalidRequest('this client must send a signed authentication request (request)');
    }
    ctx.params = pick(form);
    return;
  }
  const outside = AUTHENTICATION_REQUEST_PARAMETERS.find((name) => name in form);
  if (outside) throw new InvalidRequest(`parameter ${outside} must be sent inside the signed request, not beside it`);
  ctx.params = pick(await verifySignedRequest(ctx, client, form.request));
};

/** The authentication request parameters only, empty values dropped (RFC 6749 §3.1). */
function pick(source: object): AuthenticationRequestParameters {
  const params: Record<string, unknown> = {};
  for (const name of AUTHENTICATION_REQUEST_PARAMETERS) {
    const value = (source as Record<string, unknown>)[name];
    if (value !== undefined && value !== '') params[name] = value;
  }
  return params as AuthenticationRequestParameters;
}
