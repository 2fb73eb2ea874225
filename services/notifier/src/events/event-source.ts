/** The `source` of every event the notifier produces. */
export const NOTIFIER_EVENT_SOURCE = '/services/notifier';
