/** A stage of an auth request's life, as the monitor names it (`--state` takes these). */
export const STAGES = [
  'requested',
  'prompted',
  'offer_delivered',
  'offer_failed',
  'offer_timed_out',
  'delivered',
  'undeliverable',
  'approved',
  'denied',
  'expired',
  'notified',
  'notify_failed',
  'redeemed',
  'refreshed',
  'dead_lettered',
  'admin_changed',
] as const;
export type Stage = (typeof STAGES)[number];

/** Names that stand for several stages in `--state`. */
export const STAGE_ALIASES: Record<string, readonly Stage[]> = {
  decided: ['approved', 'denied'],
  offered: ['prompted'],
  notification: ['notified', 'notify_failed'],
};

/** A printable value: identifiers, enums, numbers; never free text from a producer. */
export type SafeValue = string | number | boolean;

/**
 * One event as the monitor shows it: the stage, the internal request id it belongs to and an
 * allow-list of fields. Built only by `describeEvent`, which copies named fields and nothing else.
 */
export interface LifecycleEvent {
  /** The internal auth request id (the events' `subject`), never the client's `auth_req_id`. */
  requestId: string;
  stage: Stage;
  type: string;
  topic: string;
  eventId: string;
  /** When the fact happened (the event's `time`), ms since the epoch. */
  timeMs: number;
  /** The client, where the event names it. */
  clientId?: string;
  /** The user (`sub`), where the event names it: for `--user` only, never printed. */
  sub?: string;
  /** When the request was accepted, on its `requested` event. */
  requestedAtMs?: number;
  fields: Record<string, SafeValue>;
}
