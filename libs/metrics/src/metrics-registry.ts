import { Registry } from 'prom-client';

/**
 * The one registry of this process: every `ciba_*` instrument and the Node default metrics register
 * here, and `/metrics` serves it. In the all-in-one process every service's instruments share it; a
 * service run alone has its own process, so its own registry. Not prom-client's global registry, so a
 * dependency that registers there cannot clash with (or leak into) ours.
 */
export const metricsRegistry = new Registry();
