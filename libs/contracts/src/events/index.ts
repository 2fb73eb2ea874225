export * from './auth-request/created.v1.ts';
export * from './auth-request/expired.v1.ts';
export * from './consent/granted.v1.ts';
export * from './consent/denied.v1.ts';
export * from './consent/prompt-delivered.v1.ts';
export * from './consent/prompt-undeliverable.v1.ts';
export * from './token/issued.v1.ts';
export * from './dead-letter/dead-lettered.v1.ts';
