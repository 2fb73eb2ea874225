/**
 * How one channel took a prompt. Only `accepted` means the channel has it; every other outcome makes
 * the dispatcher try the next channel.
 */
export type DeliveryOutcome =
  /** A 2xx answer. */
  | 'accepted'
  /** A non-2xx, non-3xx answer. */
  | 'rejected'
  /** A 3xx answer; redirects are never followed. */
  | 'redirected'
  | 'timeout'
  | 'network_error'
  /** The channel's host resolves to an address that may not be called. */
  | 'address_refused'
  /** The channel's URL may not be called (scheme, credentials). */
  | 'url_refused'
  /** No adapter for this channel type is configured. */
  | 'not_configured';
