import type { DeliveryMode } from '@ciba/contracts';

/** Where a CIBA request stands, as far as the token service knows. */
export type CibaGrantStatus = 'pending' | 'approved' | 'denied' | 'expired' | 'redeemed';

/**
 * The token service's projection of one CIBA request (`ciba_grants`): fed by the auth-requests and
 * consent-decisions topics, it holds the polling state and the single redemption.
 */
export interface CibaGrant {
  /** SHA-256 (base64url) of the `auth_req_id`; the id itself is never stored. */
  authReqIdHash: string;
  requestId: string;
  clientId: string;
  sub: string;
  scope: string;
  acrValues: string | null;
  deliveryMode: DeliveryMode;
  /** Current minimum polling interval, seconds (grows by 5 with each `slow_down`). */
  interval: number;
  expiresAt: Date;
  status: CibaGrantStatus;
  decidedAt: Date | null;
  lastPolledAt: Date | null;
  redeemedAt: Date | null;
  requestedAt: Date;
  /** The auth request's trace (W3C `traceparent`, `tracestate`), for polls and the redemption to join; absent with tracing off. */
  traceContext?: Readonly<Record<string, string>>;
}
