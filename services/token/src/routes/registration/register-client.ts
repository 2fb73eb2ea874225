import type { NextFunction, Request, Response } from 'express';
import { randomToken, sha256 } from '@ciba/service-kit';
import { clientRepository } from '../../adapters/db/client-repository.ts';
import type { TokenContext } from '../../context.ts';
import { adminChangedEvent } from '../../events/admin-changed-event.ts';
import type { ClientMetadata, ClientRecord } from '../../domain/clients/client-record.ts';

/** Issues the client id (192 bits) and, for the secret methods, a 256-bit secret stored as SHA-256 only. */
export const registerClient = (ctx: TokenContext) => {
  const clients = clientRepository(ctx.db, ctx.pool);
  return async (req: Request, res: Response, next: NextFunction) => {
    const metadata = res.locals.metadata as ClientMetadata;
    const secret = metadata.token_endpoint_auth_method === 'private_key_jwt' ? undefined : randomToken(32);
    const client: ClientRecord = {
      clientId: randomToken(24),
      clientSecretHash: secret === undefined ? null : sha256(secret),
      metadata,
      issuedAt: new Date(Math.floor(Date.now() / 1000) * 1000),
    };
    await clients.create(client, adminChangedEvent(req, 'client.registered', client.clientId, 'initial-access-token'));
    ctx.logger.info({ client_id: client.clientId, method: metadata.token_endpoint_auth_method }, 'client registered');
    res.locals.client = client;
    res.locals.secret = secret;
    next();
  };
};
