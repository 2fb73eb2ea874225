import type { ClientRecord } from './client-record.ts';

/** Persistence of registered clients (`clients`). */
export interface ClientRepository {
  findById(clientId: string): Promise<ClientRecord | null>;
  create(client: ClientRecord): Promise<void>;
}
