/**
 * The error codes of a push error payload (CIBA Core §12): the user denied, the request expired, or the
 * server could not complete the transaction.
 */
export type PushErrorCode = 'access_denied' | 'expired_token' | 'transaction_failed';

/** The `error_description` sent with each code (lower-case, no detail of the failure). */
export const PUSH_ERROR_DESCRIPTIONS: Record<PushErrorCode, string> = {
  access_denied: 'the end-user denied the authorization request',
  expired_token: 'the auth_req_id has expired',
  transaction_failed: 'the authorization server could not complete the request',
};
