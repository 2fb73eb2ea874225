import type { NotificationFacts } from '../events/notification-facts.ts';

/** The callback to send, or why it cannot be built yet (recorded as an attempt, retried later). */
export type PreparedBody =
  | {
      kind: 'send';
      /** Sent once and dropped: may hold tokens, so never stored, queued or logged. */
      body: object;
      told: NotificationFacts['told'];
      /** A push of tokens: revoked if the push finally fails. */
      carriesTokens: boolean;
    }
  | { kind: 'not_ready'; errorCode: 'decision_not_settled' | 'tokens_unavailable' };
