/**
 * One error class per error code of CIBA Core §11/§13, RFC 6749 §5.2, RFC 6750 §3.1, RFC 7591 §3.2.2
 * and RFC 7009 §2.2.1. Every service answers with these, so auth-endpoint and token speak identical
 * wire errors: `{ error, error_description }` with the class's status and headers.
 */
export interface OAuthErrorOptions {
  /** Overrides the default HTTP status (e.g. `access_denied` is 403 at the backchannel endpoint). */
  status?: number;
  /** Extra response headers (e.g. `WWW-Authenticate`). */
  headers?: Record<string, string>;
  /** The underlying failure, logged and never sent. */
  cause?: unknown;
  /** Sends the description even with a 5xx status (one written for the client, e.g. a 503's). @defaultValue status < 500 */
  expose?: boolean;
}

export class OAuthError extends Error {
  /** The wire error code. */
  readonly error: string;
  readonly status: number;
  readonly headers: Record<string, string>;
  /** Whether the description may be shown to the caller; otherwise a generic one is sent. */
  readonly expose: boolean;

  constructor(error: string, description: string, status: number, options: OAuthErrorOptions = {}) {
    // A 4xx is an expected protocol answer, built on every poll: no stack trace is captured for it
    // (its `cause` keeps its own). A 5xx is a failure and keeps its stack for the log.
    const stackTraceLimit = Error.stackTraceLimit;
    if ((options.status ?? status) < 500) Error.stackTraceLimit = 0;
    try {
      super(conformDescription(description), options.cause === undefined ? undefined : { cause: options.cause });
    } finally {
      Error.stackTraceLimit = stackTraceLimit;
    }
    this.name = new.target.name;
    this.error = error;
    this.status = options.status ?? status;
    this.headers = options.headers ?? {};
    this.expose = options.expose ?? this.status < 500;
  }

  /** The JSON body of the error response. */
  toJSON(): { error: string; error_description: string } {
    return { error: this.error, error_description: this.expose ? this.message : 'internal server error' };
  }
}

/**
 * RFC 6749 §5.2: `error_description` is limited to %x20-21 / %x23-5B / %x5D-7E. Every description
 * is brought inside that set where the error is made, so no caller can break it: `"` becomes `'`,
 * `\\` becomes `/`, and any other character outside the set (controls, non-ASCII) becomes `?`.
 */
export function conformDescription(description: string): string {
  return description.replace(/"/g, "'").replace(/\\/g, '/').replace(/[^\x20-\x21\x23-\x5b\x5d-\x7e]/g, '?');
}

type OAuthErrorClass = new (description?: string, options?: OAuthErrorOptions) => OAuthError;

function oauthError(code: string, status: number, defaultDescription: string): OAuthErrorClass {
  return class extends OAuthError {
    constructor(description = defaultDescription, options: OAuthErrorOptions = {}) {
      super(code, description, status, options);
    }
  };
}

// RFC 6749 §5.2
export const InvalidRequest = oauthError('invalid_request', 400, 'request is invalid');
export const InvalidGrant = oauthError('invalid_grant', 400, 'grant is invalid');
export const UnauthorizedClient = oauthError('unauthorized_client', 400, 'client is not authorized to use this grant');
export const UnsupportedGrantType = oauthError('unsupported_grant_type', 400, 'unsupported grant_type requested');
export const InvalidScope = oauthError('invalid_scope', 400, 'requested scope is invalid');
export const ServerError = oauthError('server_error', 500, 'internal server error');
export const TemporarilyUnavailable = oauthError('temporarily_unavailable', 503, 'temporarily unavailable');

// CIBA Core §13 (backchannel authentication endpoint)
export const ExpiredLoginHintToken = oauthError('expired_login_hint_token', 400, 'login_hint_token has expired');
export const UnknownUserId = oauthError('unknown_user_id', 400, 'could not identify the end-user');
export const MissingUserCode = oauthError('missing_user_code', 400, 'user_code is required');
export const InvalidUserCode = oauthError('invalid_user_code', 400, 'user_code is invalid');
export const InvalidBindingMessage = oauthError('invalid_binding_message', 400, 'binding_message is invalid');
/** 400 at the token endpoint (§11); the backchannel endpoint raises it with `{ status: 403 }` (§13). */
export const AccessDenied = oauthError('access_denied', 400, 'the end-user denied the authorization request');

// CIBA Core §11 (token endpoint)
export const AuthorizationPending = oauthError('authorization_pending', 400, 'the authorization request is still pending');
export const SlowDown = oauthError('slow_down', 400, 'polling too fast, increase the interval by 5 seconds');
export const ExpiredToken = oauthError('expired_token', 400, 'the auth_req_id has expired');

// RFC 7591 §3.2.2
export const InvalidClientMetadata = oauthError('invalid_client_metadata', 400, 'client metadata is invalid');
export const InvalidRedirectUri = oauthError('invalid_redirect_uri', 400, 'redirect_uri is invalid');

// RFC 7009 §2.2.1
export const UnsupportedTokenType = oauthError('unsupported_token_type', 400, 'token type is not supported');

// RFC 9449 §5, §7.1 (DPoP). At a resource server the same codes travel in a 401 `WWW-Authenticate: DPoP`
// challenge instead (the caller passes `status` and `headers`).
/** The `DPoP` proof is missing where required, malformed, or fails a check of RFC 9449 §4.3. */
export const InvalidDpopProof = oauthError('invalid_dpop_proof', 400, 'DPoP proof is invalid');

/** RFC 9449 §8: the proof must carry the server's nonce, sent in the `DPoP-Nonce` header of this answer. */
export class UseDpopNonce extends OAuthError {
  constructor(nonce: string, description = 'authorization server requires nonce in DPoP proof', options: OAuthErrorOptions = {}) {
    super('use_dpop_nonce', description, 400, { ...options, headers: { 'DPoP-Nonce': nonce, ...options.headers } });
  }
}

/** RFC 6749 §5.2: 401 with a `WWW-Authenticate` challenge for the scheme the client tried. */
export class InvalidClient extends OAuthError {
  constructor(description = 'client authentication failed', options: OAuthErrorOptions & { scheme?: 'Basic' } = {}) {
    super('invalid_client', description, 401, {
      ...options,
      headers: { 'WWW-Authenticate': `${options.scheme ?? 'Basic'} realm="ciba"`, ...options.headers },
    });
  }
}

/** RFC 6750 §3.1: missing, expired, revoked or malformed bearer token. */
export class InvalidToken extends OAuthError {
  constructor(description = 'invalid access token', options: OAuthErrorOptions = {}) {
    super('invalid_token', description, 401, {
      ...options,
      headers: {
        'WWW-Authenticate': `Bearer realm="ciba", error="invalid_token", error_description="${conformDescription(description)}"`,
        ...options.headers,
      },
    });
  }
}

/** RFC 6750 §3.1: the token lacks the scope the resource needs. */
export class InsufficientScope extends OAuthError {
  constructor(description = 'insufficient scope', options: OAuthErrorOptions & { scope?: string } = {}) {
    super('insufficient_scope', description, 403, {
      ...options,
      headers: {
        'WWW-Authenticate': `Bearer realm="ciba", error="insufficient_scope"${options.scope ? `, scope="${options.scope}"` : ''}`,
        ...options.headers,
      },
    });
  }
}

/**
 * Errors of the project's own APIs (operator API, device decisions): same body shape,
 * their own status. Codes are lower-case snake, like OAuth's.
 */
export const Unauthorized = oauthError('unauthorized', 401, 'missing or invalid bearer token');
export const NotFound = oauthError('not_found', 404, 'not found');
export const Conflict = oauthError('conflict', 409, 'conflict');
export const Gone = oauthError('gone', 410, 'gone');
export const PayloadTooLarge = oauthError('invalid_request', 413, 'request body is too large');
export const UnsupportedMediaType = oauthError('invalid_request', 415, 'unsupported content type');
export const MethodNotAllowed = oauthError('invalid_request', 405, 'method not allowed');
