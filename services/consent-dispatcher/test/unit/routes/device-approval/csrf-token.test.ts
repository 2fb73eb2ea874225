import { csrfKey, issueCsrfToken, verifyCsrfToken } from '../../../../src/routes/device-approval/csrf-token.ts';

const TOKEN = 't'.repeat(43);

describe('CSRF tokens of the approval page', () => {
  const key = csrfKey('configured-secret');

  it('verify for the prompt and decision token they were issued for', () => {
    expect(verifyCsrfToken(key, 'prompt-a', TOKEN, issueCsrfToken(key, 'prompt-a', TOKEN))).toBe(true);
  });

  it('a fresh nonce each time', () => {
    expect(issueCsrfToken(key, 'prompt-a', TOKEN)).not.toBe(issueCsrfToken(key, 'prompt-a', TOKEN));
  });

  it.each([
    ['another prompt', (csrf: string) => verifyCsrfToken(key, 'prompt-b', TOKEN, csrf)],
    ['another decision token (the next offer rotated it)', (csrf: string) => verifyCsrfToken(key, 'prompt-a', 'u'.repeat(43), csrf)],
    ['another key (another secret)', (csrf: string) => verifyCsrfToken(csrfKey('other-secret'), 'prompt-a', TOKEN, csrf)],
    ['a changed nonce', (csrf: string) => verifyCsrfToken(key, 'prompt-a', TOKEN, `${'A'.repeat(22)}${csrf.slice(22)}`)],
    ['a malformed token', () => verifyCsrfToken(key, 'prompt-a', TOKEN, 'not.a-token')],
  ])('refuse %s', (_what, check) => {
    expect(check(issueCsrfToken(key, 'prompt-a', TOKEN))).toBe(false);
  });

  it('replicas with the same secret agree; without one each process has its own key', () => {
    const csrf = issueCsrfToken(key, 'prompt-a', TOKEN);
    expect(verifyCsrfToken(csrfKey('configured-secret'), 'prompt-a', TOKEN, csrf)).toBe(true);
    expect(csrfKey(undefined)).not.toEqual(csrfKey(undefined));
  });
});
