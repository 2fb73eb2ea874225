let current = 'ciba';

/**
 * The `service` label of the process-wide series (HTTP requests, Node defaults): the process' name,
 * e.g. `token`, `channel-webhook`, `all-in-one`. Set once by `startMetricsServer`.
 */
export const serviceLabel = {
  get: (): string => current,
  set: (name: string): void => {
    current = name;
  },
};
