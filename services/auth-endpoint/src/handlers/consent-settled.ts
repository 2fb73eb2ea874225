import type { EventOf, TOPICS } from '@ciba/contracts';
import type { Logger } from '@ciba/service-kit';
import type { PromptLimits } from '../domain/prompt-limits.ts';

/**
 * A request was approved, denied or expired: its client may prompt its user again at once (the
 * pending mark goes, if it is still this request's). Never fails: a mark left behind only lives out
 * its window (`BC_DUPLICATE_PROMPT_WINDOW_S`), so a retry would only fill the dead-letter topic.
 */
export function handleConsentSettled(promptLimits: PromptLimits, logger: Logger) {
  return async (event: EventOf<typeof TOPICS.consentDecisions>): Promise<void> => {
    const { request_id: requestId, client_id: clientId, sub } = event.data;
    try {
      await promptLimits.settled({ requestId, clientId, sub });
    } catch (err) {
      logger.warn({ request_id: requestId, reason: err instanceof Error ? err.message : String(err) }, 'pending prompt mark not cleared; it expires with its window');
    }
  };
}
