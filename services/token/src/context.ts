import type { AuthRequestsPort } from '@ciba/contracts';
import type { EventBus } from '@ciba/event-bus';
import type { Logger, PgPool } from '@ciba/service-kit';
import type { TokenDb } from './adapters/db/prisma-client.ts';
import type { TokenConfig } from './config.ts';
import type { TokenDirectory } from './directory/token-directory.ts';
import type { PollBounds } from './domain/grants/poll-bounds.ts';
import type { PollCache } from './domain/grants/poll-cache.ts';
import type { PollFront } from './domain/grants/poll-front.ts';
import type { LoadableSigningKeys } from './domain/keys/create-signing-keys.ts';
import type { DpopVerifier } from './dpop/dpop-verifier.ts';

export type { TokenDirectory } from './directory/token-directory.ts';

/** Everything a route or handler of the token service may use; built once by `createTokenService`. */
export interface TokenContext {
  config: TokenConfig;
  logger: Logger;
  db: TokenDb;
  /** The pool under `db`: hot paths send their SQL through it directly (one round trip each). */
  pool: PgPool;
  bus: EventBus;
  /** Pending grants' poll bookkeeping, off the database. */
  pollCache: PollCache;
  /** Per-client bounds on CIBA polling, shared by every replica. */
  pollBounds: PollBounds;
  /** The bounds, the poll cache and a cached slow_down's count in one round trip (poll and ping clients' polls). */
  pollFront: PollFront;
  keys: LoadableSigningKeys;
  directory: TokenDirectory;
  authRequests: AuthRequestsPort;
  /** DPoP proofs (RFC 9449): verification against the Redis replay cache, server nonces. */
  dpop: DpopVerifier;
}
