import { AuthorizationPending, SlowDown, type OAuthError } from '@ciba/contracts/oauth-errors';

/** The answer to a poll of a pending grant (CIBA Core §11): `slow_down` when it came too soon. */
export function pollAnswer(slowDown: boolean, interval: number): OAuthError {
  return slowDown ? new SlowDown(`polling too fast, wait at least ${interval} seconds between requests`) : new AuthorizationPending();
}
