/** Consumer group of the CIBA grant projection (`<service>.<purpose>`). */
export const CIBA_GRANTS_GROUP = 'token.ciba-grants';
