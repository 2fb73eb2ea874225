/** CloudEvents `source` of every event this service produces. */
export const EVENT_SOURCE = '/services/consent-dispatcher';
