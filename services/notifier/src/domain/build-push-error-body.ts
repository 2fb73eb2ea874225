import { PUSH_ERROR_DESCRIPTIONS, type PushErrorCode } from './push-error.ts';

/** A push error payload (CIBA Core §12): `{ auth_req_id, error, error_description }`. */
export function buildPushErrorBody(authReqId: string, error: PushErrorCode): { auth_req_id: string; error: PushErrorCode; error_description: string } {
  return { auth_req_id: authReqId, error, error_description: PUSH_ERROR_DESCRIPTIONS[error] };
}
