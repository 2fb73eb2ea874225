import { tokenKinds } from '../../../../src/routes/introspect/token-kinds.ts';

describe('tokenKinds', () => {
  it('tries the hinted kind first and ignores unknown hints', () => {
    expect(tokenKinds('refresh_token')).toEqual(['refresh_token', 'access_token']);
    expect(tokenKinds('access_token')).toEqual(['access_token', 'refresh_token']);
    expect(tokenKinds('id_token')).toEqual(['access_token', 'refresh_token']);
    expect(tokenKinds(undefined)).toEqual(['access_token', 'refresh_token']);
  });
});
