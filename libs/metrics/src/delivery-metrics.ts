import { Counter } from 'prom-client';
import { metricsRegistry } from './metrics-registry.ts';

/** Counters of deliveries and give-ups (labels are bounded: modes, channel names, reasons, topic names). */
export const deliveryMetrics = {
  /** The notifier's ping/push callbacks to clients, by mode and result (`delivered`, `retry`, `failed`). */
  notifications: new Counter({
    name: 'ciba_notification_deliveries_total',
    help: 'Client notification attempts (ping, push) by mode and result: delivered, retry (will try again), failed (gave up)',
    labelNames: ['mode', 'result'] as const,
    registers: [metricsRegistry],
  }),
  /** Consent channels' deliveries, by channel and result (`delivered` or the failure reason). */
  channels: new Counter({
    name: 'ciba_channel_deliveries_total',
    help: 'Consent prompt offers handled by a channel, by channel and result (delivered, or the failure reason)',
    labelNames: ['channel', 'result'] as const,
    registers: [metricsRegistry],
  }),
  /** Messages given up on and published to `ciba.dead-letters`, by the topic they came from. */
  deadLetters: new Counter({
    name: 'ciba_dead_letters_total',
    help: 'Messages dead-lettered to ciba.dead-letters (by consumers and outbox relays), by their original topic',
    labelNames: ['topic'] as const,
    registers: [metricsRegistry],
  }),
  /** Requests refused to shed load, by reason (counted by the overload protection). */
  loadShed: new Counter({
    name: 'ciba_load_shed_total',
    help: 'Requests refused to shed load, by reason',
    labelNames: ['reason'] as const,
    registers: [metricsRegistry],
  }),
};
