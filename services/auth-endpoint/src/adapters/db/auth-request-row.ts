import { deliveryMode } from '@ciba/contracts';
import type { AuthRequest } from '../../domain/auth-request.ts';
import type { AuthRequest as AuthRequestRow } from './generated/client.ts';

/** Maps a stored row to the domain entity (NULL columns become absent fields). */
export function fromAuthRequestRow(row: AuthRequestRow): AuthRequest {
  return {
    requestId: row.requestId,
    authReqIdHash: row.authReqIdHash,
    clientId: row.clientId,
    sub: row.sub,
    scope: row.scope,
    ...(row.acrValues !== null ? { acrValues: row.acrValues } : {}),
    ...(row.bindingMessage !== null ? { bindingMessage: row.bindingMessage } : {}),
    deliveryMode: deliveryMode.parse(row.deliveryMode),
    interval: row.interval,
    ...(row.requestedExpiry !== null ? { requestedExpiry: row.requestedExpiry } : {}),
    expiresAt: row.expiresAt,
    requestedAt: row.requestedAt,
    ...(row.clientNotificationToken !== null ? { clientNotificationToken: row.clientNotificationToken } : {}),
    ...(row.authReqId !== null ? { authReqId: row.authReqId } : {}),
  };
}
