import type { DeliveryMode } from '@ciba/contracts';

/** An accepted backchannel authentication request (CIBA Core §7), as this service stores it. */
export interface AuthRequest {
  requestId: string;
  /** SHA-256 (base64url) of the `auth_req_id`: how the request is found. */
  authReqIdHash: string;
  /** The `auth_req_id` itself, kept for ping and push requests only (their callbacks carry it); a secret. */
  authReqId?: string;
  clientId: string;
  sub: string;
  /** Granted scope values, space-separated, `openid` included. */
  scope: string;
  acrValues?: string;
  bindingMessage?: string;
  deliveryMode: DeliveryMode;
  /** Minimum polling interval, seconds. */
  interval: number;
  /** The `requested_expiry` the client sent, seconds. */
  requestedExpiry?: number;
  expiresAt: Date;
  requestedAt: Date;
  /** The client's bearer value for ping and push callbacks; a secret. */
  clientNotificationToken?: string;
}
