import { CIBA_GRANT_TYPE, TOKENS_ISSUED_V1, TOPICS } from '@ciba/contracts';
import { newEvent, outboxRecord, type OutboxRecord } from '@ciba/event-bus';
import type { CibaGrant } from '../domain/grants/ciba-grant.ts';
import type { IssuedTokens } from '../domain/tokens/issue-tokens.ts';
import { TOKEN_EVENT_SOURCE } from '../routes/token/grants/ciba/redeem-ciba-grant.ts';

/** The outbox row of `ciba.tokens.issued.v1` for a set minted for a push (identifiers only). */
export function tokensIssuedEvent(grant: CibaGrant, tokens: IssuedTokens, now: Date): OutboxRecord {
  const event = newEvent(TOPICS.tokens, {
    type: TOKENS_ISSUED_V1,
    source: TOKEN_EVENT_SOURCE,
    subject: grant.requestId,
    time: now,
    data: {
      request_id: grant.requestId,
      client_id: grant.clientId,
      grant_type: CIBA_GRANT_TYPE,
      access_token_jti: tokens.accessTokenJti,
      refresh_token_issued: tokens.refreshToken !== undefined,
    },
  });
  return outboxRecord(TOPICS.tokens, event);
}
