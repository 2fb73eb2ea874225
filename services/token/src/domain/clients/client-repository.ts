import type { OutboxRecord } from '@ciba/event-bus';
import type { ClientRecord } from './client-record.ts';

/** Persistence of registered clients (`clients`). */
export interface ClientRepository {
  findById(clientId: string): Promise<ClientRecord | null>;
  /** Stores the client, with `event` in the outbox in the same transaction. */
  create(client: ClientRecord, event?: OutboxRecord): Promise<void>;
}
