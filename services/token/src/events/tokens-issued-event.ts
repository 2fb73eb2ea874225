import { CIBA_GRANT_TYPE, TOKENS_ISSUED_V1, TOPICS } from '@ciba/contracts';
import { newEvent, outboxRecord, type OutboxRecord } from '@ciba/event-bus';
import type { CibaGrant } from '../domain/grants/ciba-grant.ts';
import type { IssuedTokens } from '../domain/tokens/issue-tokens.ts';

/** The producer of the token service's events. */
export const TOKEN_EVENT_SOURCE = '/services/token';

/** The outbox row of `ciba.tokens.issued.v1` for a CIBA redemption, by poll or push (identifiers only). */
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
