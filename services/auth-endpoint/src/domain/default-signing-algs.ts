/**
 * Algorithms accepted for JWTs a client signs (signed requests, `login_hint_token`) when it
 * registered no `backchannel_authentication_request_signing_alg`; never `none` or HMAC.
 */
export const DEFAULT_SIGNING_ALGS: readonly string[] = ['PS256', 'ES256', 'RS256'];
