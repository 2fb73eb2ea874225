import { devicePrompt } from '@ciba/contracts/api/device-prompt';
import { buildDevicePrompt } from '../../../src/domain/build-device-prompt.ts';
import { samplePrompt } from '../../support/sample-prompt.ts';

const token = 'T'.repeat(43);

describe('buildDevicePrompt', () => {
  it('carries exactly the members of interfaces.md §4', () => {
    const prompt = samplePrompt({ expiresAt: new Date('2026-11-22T10:00:00Z') });
    const body = buildDevicePrompt(prompt, { clientName: 'Example Bank', publicUrl: 'https://issuer.example/', decisionToken: token });
    expect(body).toEqual({
      prompt_id: prompt.promptId,
      sub: 'alice',
      client_id: 'client-1',
      client_name: 'Example Bank',
      scope: 'openid profile',
      binding_message: 'W4SP',
      acr_values: 'urn:acr:silver',
      expires_at: '2026-11-22T10:00:00.000Z',
      decision_uri: `https://issuer.example/device/decisions/${prompt.promptId}`,
      decision_token: token,
    });
    expect(devicePrompt.safeParse(body).success).toBe(true);
  });

  it('omits absent optionals instead of sending null', () => {
    const { bindingMessage: _b, acrValues: _a, ...rest } = samplePrompt();
    const body = buildDevicePrompt(rest, { publicUrl: 'http://localhost:8080', decisionToken: token });
    expect(Object.keys(body).sort()).toEqual(['client_id', 'decision_token', 'decision_uri', 'expires_at', 'prompt_id', 'scope', 'sub']);
  });
});
