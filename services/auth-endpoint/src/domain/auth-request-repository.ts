import type { OutboxRecord } from '@ciba/event-bus';
import type { AuthRequest } from './auth-request.ts';

/** Where accepted requests live; implemented over the service's `pg` pool in `adapters/db`. */
export interface AuthRequestRepository {
  /** Stores the request and its `created` outbox row atomically (one statement). */
  create(request: AuthRequest, event: OutboxRecord): Promise<void>;
  findByAuthReqIdHash(authReqIdHash: string): Promise<AuthRequest | null>;
  findByRequestId(requestId: string): Promise<AuthRequest | null>;
}
