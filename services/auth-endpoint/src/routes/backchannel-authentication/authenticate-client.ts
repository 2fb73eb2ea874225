import { clientCredentials } from '@ciba/contracts';
import { InvalidClient } from '@ciba/contracts/oauth-errors';
import { clientCertificateReader, type ClientCertificate, type MtlsConfig } from '@ciba/service-kit';
import type { IncomingMessage } from 'node:http';
import type { BackchannelStep } from './context.ts';
import { endpointUrl } from './endpoint-url.ts';

const readers = new WeakMap<object, (req: IncomingMessage) => ClientCertificate | undefined>();

/** One certificate reader per configuration object (the config is settled once per process). */
function readerFor(config: { mtls?: MtlsConfig }) {
  let read = readers.get(config);
  if (!read) readers.set(config, (read = clientCertificateReader(config.mtls)));
  return read;
}

/**
 * Authenticates the client by its registered method (CIBA Core §7.1), the client certificate the
 * ingress forwarded included (RFC 8705 §2); failures answer 401 invalid_client.
 */
export const authenticateClient: BackchannelStep = async (ctx) => {
  const { form, deps } = ctx;
  const certificate = readerFor(deps.config)(ctx.req);
  const credentials = clientCredentials.safeParse({
    authorization: ctx.req.headers.authorization,
    client_id: form.client_id,
    client_secret: form.client_secret,
    client_assertion_type: form.client_assertion_type,
    client_assertion: form.client_assertion,
    endpoint: endpointUrl(deps.config),
    ...(certificate ? { client_certificate: certificate.pem } : {}),
  });
  if (!credentials.success) throw new InvalidClient('client credentials are malformed');
  ctx.client = await deps.directory.authenticateClient(credentials.data);
};
