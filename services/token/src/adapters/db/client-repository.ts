import { batchedLookup, perPool, type PgPool } from '@ciba/service-kit';
import type { ClientMetadata, ClientRecord } from '../../domain/clients/client-record.ts';
import type { ClientRepository } from '../../domain/clients/client-repository.ts';
import { outboxData } from './outbox-data.ts';
import type { TokenDb } from './prisma-client.ts';

interface ClientRow {
  client_id: string;
  client_secret_hash: string | null;
  metadata: ClientMetadata;
  created_at: Date;
}

const BY_IDS = 'SELECT "client_id", "client_secret_hash", "metadata", "created_at" FROM "clients" WHERE "client_id" = ANY($1::text[])';

/** The pool's one batched client look-up, so every repository over it shares its batches. */
const lookupById = perPool((pool) => batchedLookup<ClientRow>(pool, { name: 'token.clients-by-ids', text: BY_IDS, keyOf: (row) => row.client_id }));

/**
 * `clients`: the metadata JSON is authoritative, the columns mirror it for queries. A lookup is one
 * named SQL statement through the service's pool, shared by the look-ups of concurrent callers (the
 * directory caches found clients, so these are the first asks and unknown ids); registration writes
 * through Prisma (cold).
 */
export function clientRepository(db: TokenDb, pool: PgPool): ClientRepository {
  const findRow = lookupById(pool);
  return {
    async findById(clientId) {
      const row = await findRow(clientId);
      return row ? { clientId: row.client_id, clientSecretHash: row.client_secret_hash, metadata: row.metadata, issuedAt: row.created_at } : null;
    },

    async create(client, event) {
      const m = client.metadata;
      const row = db.client.create({
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
          consentChannelTypes: m.consent_channel_types ?? [],
          metadata: m as object,
          createdAt: client.issuedAt,
        },
      });
      await (event ? db.$transaction([row, db.outboxEvent.create({ data: outboxData(event) })]) : row);
    },
  };
}
