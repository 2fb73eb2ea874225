import { sampleDelivery } from '../../../../libs/channel-kit/test/support/sample-offer.ts';
import { smsSegments } from '../../src/sms-segments.ts';
import { smsText } from '../../src/sms-text.ts';

const base = sampleDelivery('0b6f3e2a-8c1d-4f5e-9a7b-2d4c6e8f0a1b', { type: 'sms', phone: '+15550100199' });
const withPrompt = (prompt: Partial<typeof base.prompt>) => ({ ...base, prompt: { ...base.prompt, ...prompt } });

describe('smsSegments', () => {
  it.each([
    ['a'.repeat(160), 1],
    ['a'.repeat(161), 2],
    ['a'.repeat(306), 2],
    ['a'.repeat(307), 3],
    ['€'.repeat(80), 1],
    ['€'.repeat(81), 2],
    ['ж'.repeat(70), 1],
    ['ж'.repeat(71), 2],
    ['ж'.repeat(134), 2],
    ['ж'.repeat(135), 3],
  ])('%#: %j takes %i', (text, segments) => {
    expect(smsSegments(text)).toBe(segments);
  });
});

describe('smsText', () => {
  it('names the client, the binding message and the approval link', () => {
    expect(smsText(base)).toBe(`Point of sale 7 asks you to approve a sign-in. Code: W4SP. Approve or deny: ${base.approval_uri}`);
    expect(smsSegments(smsText(base))).toBe(2);
  });

  it('without a binding message or client name: the client id, no code', () => {
    const { binding_message: _b, client_name: _c, ...prompt } = base.prompt;
    expect(smsText({ ...base, prompt })).toBe(`client-1 asks you to approve a sign-in. Approve or deny: ${base.approval_uri}`);
  });

  it('shortens a long client name to stay within 2 segments, keeping the binding message and the link whole', () => {
    const text = smsText(withPrompt({ client_name: 'A very long client name '.repeat(8).trim(), binding_message: 'Order 4711 at checkout 3, total 129.90 EUR' }));
    expect(smsSegments(text)).toBe(2);
    expect(text).toMatch(/^A very long client name .*\.\.\. asks you to approve a sign-in\. Code: Order 4711 at checkout 3, total 129\.90 EUR\. Approve or deny: /);
    expect(text.endsWith(base.approval_uri)).toBe(true);
  });

  it('a binding message that alone needs a third segment is still sent whole', () => {
    const binding = 'x'.repeat(200);
    const text = smsText(withPrompt({ binding_message: binding }));
    expect(text).toContain(`Code: ${binding}.`);
    expect(text.endsWith(base.approval_uri)).toBe(true);
  });
});
