/**
 * Google's token endpoint refused the assertion or answered something that is not a token: the
 * service account is wrong, disabled or lacks the FCM scope, or the endpoint is failing. `status` is
 * the endpoint's HTTP status (never its body: it may echo what was sent).
 */
export class TokenEndpointError extends Error {
  readonly status: number;

  constructor(status: number) {
    super(`the token endpoint answered ${status}`);
    this.name = 'TokenEndpointError';
    this.status = status;
  }
}
