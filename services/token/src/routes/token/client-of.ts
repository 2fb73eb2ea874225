import type { Response } from 'express';
import type { ClientView } from '@ciba/contracts';

/** The client `authenticateClient` put on the response; a route without that step is a bug. */
export function clientOf(res: Response): ClientView {
  const client = res.locals.client as ClientView | undefined;
  if (!client) throw new Error('client authentication step is missing from this route');
  return client;
}
