import type { SafeValue } from './lifecycle-event.ts';

/** Copies the named fields that are present and printable (strings, numbers, booleans), and nothing else. */
export function pick<T extends object, K extends keyof T & string>(source: T, names: readonly K[]): Record<string, SafeValue> {
  const out: Record<string, SafeValue> = {};
  for (const name of names) {
    const value: unknown = source[name];
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out[name] = value;
  }
  return out;
}
