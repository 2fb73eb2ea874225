import { OAuthError } from '@ciba/contracts/oauth-errors';

/** Runs `action` and asserts it raised the OAuth error with this code, description and status. */
export async function expectOAuthError(action: () => unknown, error: string, description: string, status = 400): Promise<void> {
  let caught: unknown;
  try {
    await action();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(OAuthError);
  const e = caught as OAuthError;
  expect({ error: e.error, description: e.message, status: e.status }).toEqual({ error, description, status });
}
