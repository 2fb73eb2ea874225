export * from './outbound-errors.ts';
export * from './is-public-address.ts';
export * from './is-metadata-address.ts';
export * from './address-policy.ts';
export * from './check-outbound-url.ts';
export * from './parse-retry-after.ts';
export * from './post-json.ts';
