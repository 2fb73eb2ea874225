import { devicePrompt } from '../../../src/api/device-prompt.ts';

const sample = {
  prompt_id: 'pVb2qL1m9XoQy3n4k5j6hA',
  sub: 'alice',
  client_id: 'client-1',
  client_name: 'Example Bank',
  scope: 'openid profile',
  binding_message: 'W4SP',
  acr_values: 'urn:mace:incommon:iap:silver',
  expires_at: '2026-11-22T10:00:00Z',
  decision_uri: 'https://issuer.example/device/decisions/pVb2qL1m9XoQy3n4k5j6hA',
  decision_token: 'a'.repeat(43),
};

describe('devicePrompt', () => {
  it('accepts the prompt of interfaces.md §4', () => {
    expect(devicePrompt.parse(sample)).toEqual(sample);
  });

  it('accepts a prompt without the optional members', () => {
    const { client_name: _c, binding_message: _b, acr_values: _a, ...required } = sample;
    expect(devicePrompt.safeParse(required).success).toBe(true);
  });

  it('rejects null optionals (they are omitted instead)', () => {
    expect(devicePrompt.safeParse({ ...sample, binding_message: null }).success).toBe(false);
  });

  it('rejects a short prompt_id or decision_token', () => {
    expect(devicePrompt.safeParse({ ...sample, prompt_id: 'abc' }).success).toBe(false);
    expect(devicePrompt.safeParse({ ...sample, decision_token: 'short' }).success).toBe(false);
  });
});
