import { isDuplicateError } from '../../../src/consumer/is-duplicate-error.ts';

describe('isDuplicateError', () => {
  test('recognises pg 23505, Prisma P2002 and a driver-adapter unique violation, also as a cause', () => {
    expect(isDuplicateError(Object.assign(new Error('dup'), { code: '23505' }))).toBe(true);
    expect(isDuplicateError(Object.assign(new Error('dup'), { code: 'P2002' }))).toBe(true);
    expect(isDuplicateError({ code: 'P2010', meta: { driverAdapterError: { cause: { kind: 'UniqueConstraintViolation' } } } })).toBe(true);
    expect(isDuplicateError({ meta: { driverAdapterError: { cause: { originalCode: '23505' } } } })).toBe(true);
    expect(isDuplicateError(new Error('wrapped', { cause: { code: '23505' } }))).toBe(true);
  });

  test('is false for anything else', () => {
    expect(isDuplicateError(Object.assign(new Error('fk'), { code: '23503' }))).toBe(false);
    expect(isDuplicateError(new Error('plain'))).toBe(false);
    expect(isDuplicateError(undefined)).toBe(false);
    expect(isDuplicateError('23505')).toBe(false);
  });
});
