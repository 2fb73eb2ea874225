/**
 * Longest a signed authentication request may still be valid for when it arrives, seconds; its `jti`
 * is remembered that long. Keeps replay records bounded.
 */
export const MAX_REQUEST_OBJECT_LIFETIME_SECONDS = 86_400;
