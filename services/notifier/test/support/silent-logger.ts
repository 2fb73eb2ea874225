import { createLogger } from '@ciba/service-kit';

/** A logger that writes nothing. */
export const silentLogger = createLogger('notifier-test', 'silent');
