import { clientCredentials } from '@ciba/contracts';
import { InvalidClient } from '@ciba/contracts/oauth-errors';
import type { BackchannelStep } from './context.ts';
import { endpointUrl } from './endpoint-url.ts';

/** Authenticates the client by its registered method (CIBA Core §7.1); failures answer 401 invalid_client. */
export const authenticateClient: BackchannelStep = async (ctx) => {
  const { form, deps } = ctx;
  const credentials = clientCredentials.safeParse({
    authorization: ctx.req.headers.authorization,
    client_id: form.client_id,
    client_secret: form.client_secret,
    client_assertion_type: form.client_assertion_type,
    client_assertion: form.client_assertion,
    endpoint: endpointUrl(deps.config),
  });
  if (!credentials.success) throw new InvalidClient('client credentials are malformed');
  ctx.client = await deps.directory.authenticateClient(credentials.data);
};
