/** Seconds a client's clock may run ahead of ours for `iat` and `nbf` (RFC 7519 §4.1.4, §4.1.5). */
export const CLOCK_SKEW_SECONDS = 30;
