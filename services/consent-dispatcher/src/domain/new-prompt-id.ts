import { randomToken } from '@ciba/service-kit';

/** A prompt id: 128 random bits, base64url (22 characters), safe in a URL path. */
export function newPromptId(): string {
  return randomToken(16);
}
