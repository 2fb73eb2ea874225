import type { AuthRequestView } from '@ciba/contracts';
import type { CibaGrant } from './ciba-grant.ts';

/** What a poll of a pending grant did to it. */
export interface PollOutcome {
  /** The poll came sooner than `interval` seconds after the previous one (CIBA Core §11 `slow_down`). */
  slowDown: boolean;
  /** The interval now in force (grown by 5 s on a slow_down). */
  interval: number;
}

/** Persistence of the CIBA grant projection (`ciba_grants`). */
export interface CibaGrantStore {
  findByRequestId(requestId: string): Promise<CibaGrant | null>;
  /** Inserts the request as a pending grant; a no-op when it is already known (replays, races). */
  insertPending(request: AuthRequestView): Promise<void>;
  /**
   * Records a poll of a pending grant in one atomic statement: too soon after the previous poll grows
   * the interval by 5 s. Null when the grant is no longer pending.
   */
  recordPoll(authReqIdHash: string, now: Date): Promise<PollOutcome | null>;
}
