import { createLogger, type Logger } from '@ciba/service-kit';

/** A real logger that writes nothing (tests that look at logs use their own). */
export const silentLogger: Logger = createLogger('consent-dispatcher-test', 'silent');
