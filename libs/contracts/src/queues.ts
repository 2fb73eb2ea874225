/**
 * The only place BullMQ queue names are spelled (as `topics.ts` is for topics). Each queue has one
 * owning service that adds and processes its jobs; Redis keys are `<prefix>:<queue>:...`, the prefix
 * set per deployment (tests use a random one). Names are kebab-case without `:`.
 */
export const QUEUES = {
  /** notifier: deliver one ping or push to a client's notification endpoint (job id = request id). */
  clientNotificationDelivery: 'client-notification-delivery',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];
