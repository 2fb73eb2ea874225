export * from './channel-key.ts';
export * from './seal-delivery.ts';
export * from './open-delivery.ts';
export * from './channel-deliverer.ts';
export * from './outcome-event.ts';
export * from './run-channel.ts';
