export * from './envelope.ts';
export * from './topics.ts';
export * from './events/index.ts';
export * from './api/common.ts';
export * from './ports/directory.ts';
export * from './ports/auth-requests.ts';
export * from './ports/token-issuer.ts';
