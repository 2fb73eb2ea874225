import { InvalidRequest } from '@ciba/contracts/oauth-errors';

/** FAPI 1.0 Advanced §8.6: request objects of FAPI clients are signed with PS256 or ES256 only. */
export const FAPI_REQUEST_ALGS: readonly string[] = ['PS256', 'ES256'];

/** FAPI 1.0 Advanced §5.2.2-13 and -17: 60 minutes, seconds. */
const SIXTY_MINUTES = 3600;

/**
 * The lifetime rules FAPI 1.0 Advanced §5.2.2 adds for request objects (FAPI-CIBA §5.2.2 applies
 * them to signed authentication requests): `exp` at most 60 minutes after `nbf` (-13), `nbf` at most
 * 60 minutes in the past (-17). Throws `invalid_request` (CIBA Core §13).
 * @see https://openid.net/specs/openid-financial-api-part-2-1_0.html#authorization-server
 */
export function checkFapiLifetime(claims: { exp: number; nbf: number }, nowSeconds: number): void {
  if (claims.nbf < nowSeconds - SIXTY_MINUTES) throw new InvalidRequest('request nbf must be at most 60 minutes in the past');
  if (claims.exp - claims.nbf > SIXTY_MINUTES) throw new InvalidRequest('request exp must be at most 60 minutes after nbf');
}
