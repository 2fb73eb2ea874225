import { TOPICS } from '@ciba/contracts';

/**
 * Topics whose key is not an auth request's internal id: an operator change is keyed by what it
 * changed (a user's `sub`, a client), a dead letter by the key of whatever it replaces.
 */
const OTHER_KEYS = new Set<string>([TOPICS.adminChanges, TOPICS.deadLetters]);

/** `ciba.request_id` for a span about a message of `topic` keyed by `key`, only where the key is a request id. */
export function requestIdAttribute(topic: string, key: string): { 'ciba.request_id'?: string } {
  return OTHER_KEYS.has(topic) ? {} : { 'ciba.request_id': key };
}
