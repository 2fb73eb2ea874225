import type { Request, Response } from 'express';
import type { ClientRegistrationResponse } from '@ciba/contracts/api/registration';
import type { ClientRecord } from '../../domain/clients/client-record.ts';

/** 201 with the identifiers, the secret (this once) and every registered metadata value (RFC 7591 §3.2.1). */
export const registrationResponse = () => (_req: Request, res: Response) => {
  const client = res.locals.client as ClientRecord;
  const secret = res.locals.secret as string | undefined;
  const body: ClientRegistrationResponse = {
    client_id: client.clientId,
    ...(secret !== undefined ? { client_secret: secret, client_secret_expires_at: 0 } : {}),
    client_id_issued_at: Math.floor(client.issuedAt.getTime() / 1000),
    ...client.metadata,
  };
  res.status(201).set({ 'Cache-Control': 'no-store', Pragma: 'no-cache' }).json(body);
};
