import { narrowScope } from '../../../../src/domain/grants/narrow-scope.ts';

describe('narrowScope', () => {
  it('keeps the granted scope when none is asked', () => {
    expect(narrowScope('openid profile', undefined)).toBe('openid profile');
  });

  it('narrows to a subset, duplicates and extra spaces folded', () => {
    expect(narrowScope('openid profile email', 'email  openid email')).toBe('email openid');
  });

  it('refuses anything not granted with invalid_scope', () => {
    expect(() => narrowScope('openid profile', 'openid phone address')).toThrow(
      expect.objectContaining({ error: 'invalid_scope', message: 'scope exceeds the scope originally granted: phone address' }),
    );
  });

  it('refuses an empty scope with invalid_scope', () => {
    expect(() => narrowScope('openid', '   ')).toThrow(expect.objectContaining({ error: 'invalid_scope', message: 'scope must not be empty' }));
  });
});
