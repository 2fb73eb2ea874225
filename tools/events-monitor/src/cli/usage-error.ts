/** A command line the monitor cannot run; the message is printed with the usage. */
export class UsageError extends Error {
  override name = 'UsageError';
}
