import type { WakeSignal } from './wake-signal.ts';

/** The wake signals of this process's active relays, by the schema each publishes. */
const activeRelays = new Map<string, Set<WakeSignal>>();

/**
 * Tells this process's active outbox relay of `schema` that a row was just committed there, so it
 * looks at once instead of at its next poll: a writer calls it after its transaction commits (a call
 * before the commit would wake the relay to an empty look). Only a hint: a relay of another process,
 * or a row whose wake got lost, is still found by polling (docs/architecture.md). Cheap enough for
 * every hot write: a map look-up and, when the relay sleeps, one timer cleared. An undefined schema
 * (a pool that names none: `schemaOfPool` in service-kit) wakes nothing.
 */
export function outboxWritten(schema: string | undefined): void {
  if (schema === undefined) return;
  const relays = activeRelays.get(schema);
  if (relays) for (const wake of relays) wake.notify();
}

/** Registers an active relay's wake signal for `schema`; the returned function removes it. */
export function listenForOutboxWrites(schema: string, wake: WakeSignal): () => void {
  let relays = activeRelays.get(schema);
  if (!relays) activeRelays.set(schema, (relays = new Set()));
  relays.add(wake);
  return () => {
    relays.delete(wake);
    if (relays.size === 0 && activeRelays.get(schema) === relays) activeRelays.delete(schema);
  };
}
