import type { NextFunction, Request, Response } from 'express';
import { randomToken, sha256 } from '@ciba/service-kit';
import { clientRepository } from '../../adapters/db/client-repository.ts';
import { clientSecretCipher } from '../../client-auth/client-secret-cipher.ts';
import type { TokenContext } from '../../context.ts';
import { adminChangedEvent } from '../../events/admin-changed-event.ts';
import type { ClientMetadata, ClientRecord } from '../../domain/clients/client-record.ts';

/** The methods that authenticate with a client secret (the others use keys or certificates). */
const SECRET_METHODS = new Set(['client_secret_basic', 'client_secret_post', 'client_secret_jwt']);

/**
 * Issues the client id (192 bits) and, for the secret methods, a 256-bit secret stored as SHA-256
 * only; a `client_secret_jwt` client's secret is also kept sealed (the server needs it to check the
 * HMAC), under `CLIENT_SECRET_ENCRYPTION_KEY`, which registration has checked is configured.
 */
export const registerClient = (ctx: TokenContext) => {
  const clients = clientRepository(ctx.db, ctx.pool);
  const cipher = ctx.config.clientSecretKey ? clientSecretCipher(ctx.config.clientSecretKey) : undefined;
  return async (req: Request, res: Response, next: NextFunction) => {
    const metadata = res.locals.metadata as ClientMetadata;
    const method = metadata.token_endpoint_auth_method;
    const secret = SECRET_METHODS.has(method) ? randomToken(32) : undefined;
    const clientId = randomToken(24);
    if (method === 'client_secret_jwt' && !cipher) throw new Error('client_secret_jwt registered without CLIENT_SECRET_ENCRYPTION_KEY');
    const client: ClientRecord = {
      clientId,
      clientSecretHash: secret === undefined ? null : sha256(secret),
      clientSecretSealed: method === 'client_secret_jwt' ? cipher!.seal(clientId, secret!) : null,
      metadata,
      issuedAt: new Date(Math.floor(Date.now() / 1000) * 1000),
    };
    await clients.create(client, adminChangedEvent(req, 'client.registered', client.clientId, 'initial-access-token'));
    ctx.logger.info({ client_id: client.clientId, method }, 'client registered');
    res.locals.client = client;
    res.locals.secret = secret;
    next();
  };
};
