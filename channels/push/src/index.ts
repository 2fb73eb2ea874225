export * from './push-deliverer.ts';
export * from './config.ts';
export * from './push-logger.ts';
export * from './fcm/service-account.ts';
export * from './fcm/load-service-account.ts';
export * from './webpush/vapid-keys.ts';
