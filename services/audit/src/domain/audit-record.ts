/** One entry of the audit trail (`audit.audit_records`): identifiers only. */
export interface AuditRecord {
  /** The event it records (unique: recording is idempotent). */
  eventId: string;
  occurredAt: Date;
  /** `auth_request`, `prompt`, `channel`, `token`, `notification`, `admin`, `operations`. */
  category: string;
  /** The event type, e.g. `ciba.consent.granted.v1`, or the operator action, e.g. `user.deleted`. */
  action: string;
  /** Who: `client:<id>`, `user:<sub>`, `operator:<credential>`, `system` (expiry, channels, dead letters). */
  actor: string;
  /** The producing service (`/services/<name>`, a channel). */
  source: string;
  requestId: string | null;
  clientId: string | null;
  sub: string | null;
  /** What an operator change was about (a `sub`, a `client_id`, a key algorithm). */
  target: string | null;
  /** From where: the operator's address. */
  address: string | null;
  /** The request id for auth requests, the caller's request id for operator changes. */
  correlationId: string;
  /** A few allow-listed, non-secret facts (delivery mode, channel, reason, attempts). */
  details: Record<string, string | number | boolean>;
}
