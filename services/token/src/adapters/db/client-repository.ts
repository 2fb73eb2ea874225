import type { ClientMetadata, ClientRecord } from '../../domain/clients/client-record.ts';
import type { ClientRepository } from '../../domain/clients/client-repository.ts';
import type { Client } from './generated/client.ts';
import type { TokenDb } from './prisma-client.ts';

const toRecord = (row: Client): ClientRecord => ({
  clientId: row.clientId,
  clientSecretHash: row.clientSecretHash,
  metadata: row.metadata as ClientMetadata,
  issuedAt: row.createdAt,
});

/** `clients` through Prisma: the metadata JSON is authoritative, the columns mirror it for queries. */
export function clientRepository(db: TokenDb): ClientRepository {
  return {
    async findById(clientId) {
      const row = await db.client.findUnique({ where: { clientId } });
      return row ? toRecord(row) : null;
    },

    async create(client) {
      const m = client.metadata;
      await db.client.create({
        data: {
          clientId: client.clientId,
          clientSecretHash: client.clientSecretHash,
          clientName: m.client_name ?? null,
          tokenEndpointAuthMethod: m.token_endpoint_auth_method,
          grantTypes: m.grant_types,
          scope: m.scope ?? null,
          deliveryMode: m.backchannel_token_delivery_mode ?? null,
          notificationEndpoint: m.backchannel_client_notification_endpoint ?? null,
          requestSigningAlg: m.backchannel_authentication_request_signing_alg ?? null,
          userCodeParameter: m.backchannel_user_code_parameter,
          idTokenSignedResponseAlg: m.id_token_signed_response_alg,
          ...(m.jwks ? { jwks: m.jwks as object } : {}),
          jwksUri: m.jwks_uri ?? null,
          metadata: m as object,
          createdAt: client.issuedAt,
        },
      });
    },
  };
}
