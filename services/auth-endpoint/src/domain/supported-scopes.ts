/** The scope values this server grants (OpenID Connect Core §5.4, §11); others are dropped. */
export const SUPPORTED_SCOPES: readonly string[] = ['openid', 'profile', 'email', 'phone', 'address', 'offline_access'];
