import type { ClientView } from '@ciba/contracts';
import type { TokenResponse } from '@ciba/contracts/api/token';
import type { SigningKeys } from '../keys/signing-keys.ts';
import type { Confirmation } from './confirmation.ts';
import { mintAccessToken } from './access-token.ts';
import { idTokenAlg } from './id-token-alg.ts';
import { mintIdToken } from './id-token.ts';
import { newRefreshToken, type NewRefreshToken } from './refresh-token.ts';

export interface IssueTokensInput {
  issuer: string;
  /** Seconds. */
  ttl: { accessToken: number; idToken: number; refreshToken: number };
  client: ClientView;
  sub: string;
  /** The scope of the access token (and of the answer). */
  scope: string;
  authTime: Date;
  acr?: string;
  withIdToken: boolean;
  withRefreshToken: boolean;
  now: Date;
  /** CIBA push mode (§10.3.1): adds the `auth_req_id` and `rt_hash` claims to the ID token. */
  push?: { authReqId: string };
  /** Binds the access token to a key (`cnf`); with `jkt` its `token_type` is `DPoP` (RFC 9449 §5). */
  cnf?: Confirmation;
}

export interface IssuedTokens {
  response: TokenResponse;
  accessTokenJti: string;
  /** To be stored (hash only) in the same transaction that commits the grant. */
  refreshToken?: NewRefreshToken;
}

/** Mints the access token, and the refresh and ID tokens the grant calls for. Nothing is stored here. */
export async function issueTokens(keys: SigningKeys, input: IssueTokensInput): Promise<IssuedTokens> {
  const access = await mintAccessToken(keys, {
    issuer: input.issuer,
    clientId: input.client.client_id,
    sub: input.sub,
    scope: input.scope,
    authTime: input.authTime,
    acr: input.acr,
    ttl: input.ttl.accessToken,
    now: input.now,
    cnf: input.cnf,
  });
  const refreshToken = input.withRefreshToken ? newRefreshToken(input.ttl.refreshToken, input.now) : undefined;
  const idToken = input.withIdToken
    ? await mintIdToken(keys, {
        issuer: input.issuer,
        clientId: input.client.client_id,
        sub: input.sub,
        alg: idTokenAlg(input.client),
        authTime: input.authTime,
        acr: input.acr,
        ttl: input.ttl.idToken,
        now: input.now,
        accessToken: access.token,
        authReqId: input.push?.authReqId,
        refreshToken: input.push ? refreshToken?.token : undefined,
      })
    : undefined;
  return {
    response: {
      access_token: access.token,
      token_type: input.cnf?.jkt ? 'DPoP' : 'Bearer',
      expires_in: input.ttl.accessToken,
      ...(refreshToken ? { refresh_token: refreshToken.token } : {}),
      ...(idToken ? { id_token: idToken } : {}),
      scope: input.scope,
    },
    accessTokenJti: access.jti,
    refreshToken,
  };
}
