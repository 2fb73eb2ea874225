/**
 * Why an outbound call failed before an HTTP answer arrived. Callers branch on the class (or `code`),
 * never on the message. Messages name no URL or address: they may end up in logs.
 */
export class OutboundError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** The URL is not allowed: bad scheme, embedded credentials, or (production) not https. */
export class OutboundUrlError extends OutboundError {
  constructor(message: string) {
    super('outbound_url', message);
  }
}

/** The destination resolved to an address that may not be called (loopback, private, metadata...). */
export class OutboundAddressError extends OutboundError {
  constructor(message = 'destination address is not allowed') {
    super('outbound_address', message);
  }
}

/** Connecting or waiting for the answer took longer than the timeout. */
export class OutboundTimeoutError extends OutboundError {
  constructor(options?: { cause?: unknown }) {
    super('outbound_timeout', 'outbound request timed out', options);
  }
}

/** DNS failure, refused or reset connection, TLS failure. */
export class OutboundNetworkError extends OutboundError {
  constructor(options?: { cause?: unknown }) {
    super('outbound_network', 'outbound request failed', options);
  }
}
