/** The value an earlier step must have set; a missing one is a bug in the step order (500). */
export function settled<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new Error(`decision step order: ${name} is not settled`);
  return value;
}
