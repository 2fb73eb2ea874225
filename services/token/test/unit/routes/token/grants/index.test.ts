import { GRANTS } from '../../../../../src/routes/token/grants/index.ts';

describe('GRANTS', () => {
  it('serves exactly the CIBA and refresh_token grants, each with parameters and a handler', () => {
    expect([...GRANTS.keys()].sort()).toEqual(['refresh_token', 'urn:openid:params:grant-type:ciba']);
    for (const [grantType, grant] of GRANTS) {
      expect(grant.grantType).toBe(grantType);
      expect(typeof grant.handler).toBe('function');
      expect(grant.parameters.safeParse({ grant_type: grantType }).success).toBe(false);
    }
  });
});
