/** A value an earlier step must have settled; its absence is a pipeline bug (500), never bad input. */
export function settled<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new Error(`pipeline bug: ${name} is not settled yet`);
  return value;
}
