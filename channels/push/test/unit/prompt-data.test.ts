import { promptData } from '../../src/prompt-data.ts';
import { pushDelivery } from '../support/push-delivery.ts';

describe('promptData', () => {
  const delivery = pushDelivery({ type: 'push', provider: 'fcm', token: 't' });

  it('omits the optional fields the request does not have, and never sends sub or client_id', () => {
    const { client_name: _n, binding_message: _b, ...prompt } = delivery.prompt;
    expect(promptData({ ...delivery, prompt })).toEqual({
      prompt_id: prompt.prompt_id,
      decision_uri: prompt.decision_uri,
      decision_token: prompt.decision_token,
      scope: prompt.scope,
      expires_at: prompt.expires_at,
      approval_uri: delivery.approval_uri,
    });
  });

  it('carries acr_values when requested', () => {
    expect(promptData({ ...delivery, prompt: { ...delivery.prompt, acr_values: 'urn:acr:biometric' } })).toMatchObject({ acr_values: 'urn:acr:biometric' });
  });
});
