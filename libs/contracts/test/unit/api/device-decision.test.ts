import { deviceDecisionRequest, deviceDecisionResponse } from '../../../src/api/device-decision.ts';

describe('deviceDecisionRequest', () => {
  it.each(['approve', 'deny'])('accepts {"decision": "%s"}', (decision) => {
    expect(deviceDecisionRequest.parse({ decision })).toEqual({ decision });
  });

  it.each([{}, { decision: 'approved' }, { decision: 'APPROVE' }, { decision: true }, null, 'approve'])('rejects %j', (body) => {
    expect(deviceDecisionRequest.safeParse(body).success).toBe(false);
  });
});

describe('deviceDecisionResponse', () => {
  it('carries approved or denied', () => {
    expect(deviceDecisionResponse.parse({ status: 'approved' })).toEqual({ status: 'approved' });
    expect(deviceDecisionResponse.safeParse({ status: 'pending' }).success).toBe(false);
  });
});
