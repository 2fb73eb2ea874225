import type { LookupAddress } from 'node:dns';
import { guardedLookup } from '../../../src/outbound/guarded-lookup.ts';
import { OutboundAddressError } from '../../../src/outbound/outbound-errors.ts';

const resolve = (production: boolean, host: string, all: boolean) =>
  new Promise<{ err: Error | null; address: string | LookupAddress[] }>((done) => {
    guardedLookup(production)(host, { all }, (err, address) => done({ err, address }));
  });

describe('guardedLookup', () => {
  it('resolves localhost in development (single and all)', async () => {
    const one = await resolve(false, 'localhost', false);
    expect(one.err).toBeNull();
    expect(['127.0.0.1', '::1']).toContain(one.address);
    const all = await resolve(false, 'localhost', true);
    expect(Array.isArray(all.address)).toBe(true);
  });

  it('refuses localhost in production', async () => {
    const { err } = await resolve(true, 'localhost', false);
    expect(err).toBeInstanceOf(OutboundAddressError);
  });

  it('refuses an IP literal of a private range in production', async () => {
    const { err } = await resolve(true, '10.0.0.1', true);
    expect(err).toBeInstanceOf(OutboundAddressError);
  });
});
