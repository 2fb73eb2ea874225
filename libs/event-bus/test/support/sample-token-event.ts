import { randomUUID } from 'node:crypto';
import { TOKENS_ISSUED_V1, TOPICS, type EventOf } from '@ciba/contracts';
import { newEvent } from '../../src/new-event.ts';

/** A valid `ciba.tokens.issued.v1` about `key`; `seq` travels in `access_token_jti` to check order. */
export function sampleTokenEvent(key: string, seq: number): EventOf<typeof TOPICS.tokens> {
  return newEvent(TOPICS.tokens, {
    type: TOKENS_ISSUED_V1,
    source: '/services/test',
    subject: key,
    data: {
      request_id: randomUUID(),
      client_id: 'client-1',
      grant_type: 'urn:openid:params:grant-type:ciba',
      access_token_jti: String(seq),
      refresh_token_issued: false,
    },
  });
}

/** The `seq` a sample event carries. */
export function seqOf(event: EventOf<typeof TOPICS.tokens>): number {
  return Number(event.data.access_token_jti);
}
