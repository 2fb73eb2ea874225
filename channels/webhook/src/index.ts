export * from './webhook-deliverer.ts';
export * from './config.ts';
