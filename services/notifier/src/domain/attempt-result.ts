/** What one POST to the client's endpoint came back with: an HTTP answer, or why none came. */
export type AttemptResult =
  | { status: number; retryAfterSeconds?: number }
  /** `OutboundError` codes: `outbound_timeout`, `outbound_network`, `outbound_address`, `outbound_url`. */
  | { error: string };
