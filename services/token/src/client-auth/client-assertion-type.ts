/** RFC 7523 §2.2: the `client_assertion_type` of a JWT client assertion. */
export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer' as const;

/** Algorithms accepted for `private_key_jwt` assertions (`token_endpoint_auth_signing_alg_values_supported`). */
export const CLIENT_ASSERTION_ALGS = ['RS256', 'PS256', 'ES256'] as const;

/** Algorithms accepted for `client_secret_jwt` assertions: HMAC with the client secret (OIDC Core §9). */
export const CLIENT_SECRET_JWT_ALGS = ['HS256', 'HS384', 'HS512'] as const;

/** Clock skew tolerated on assertion `exp`/`nbf`, seconds. */
export const CLIENT_ASSERTION_CLOCK_TOLERANCE = 5;
