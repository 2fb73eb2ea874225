import type { EventBusLogger } from '@ciba/event-bus';

/** A logger that drops everything (the bus and runChannel log identifiers; tests assert on events). */
export const silentLogger: EventBusLogger = { debug() {}, info() {}, warn() {}, error() {} };
