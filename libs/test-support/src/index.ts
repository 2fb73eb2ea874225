export * from './test-bus.ts';
export * from './wait-for.ts';
export * from './kafka-brokers.ts';
export * from './start-private-kafka.ts';
