import type { AuthRequestsPort, DirectoryPort, TokenIssuerPort } from '@ciba/contracts';
import type { Logger } from '@ciba/service-kit';
import type { AttemptResult } from '../domain/attempt-result.ts';
import type { NotificationStore } from '../domain/notification-store.ts';

/** What delivering a notification uses. */
export interface DeliveryDeps {
  store: NotificationStore;
  authRequests: Pick<AuthRequestsPort, 'getNotificationTarget'>;
  directory: Pick<DirectoryPort, 'getClient'>;
  tokenIssuer: TokenIssuerPort;
  /** POSTs one callback (see `sendNotification`). */
  send(url: string, bearer: string, body: object): Promise<AttemptResult>;
  logger: Logger;
  now(): Date;
  /** How long one run may hold a notification (longer than a run can take), milliseconds. */
  leaseMs: number;
  /** How long a run waits for the token service to know the decision before it retries later, and how often it looks. */
  settle: { waitMs: number; stepMs: number };
}
