import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * The fields of a Google service-account key file (`"type": "service_account"`) that the FCM HTTP v1
 * API needs: who signs the OAuth 2.0 JWT-bearer assertion (RFC 7523), with which key, for which
 * Firebase project. Other fields of the file are ignored.
 *
 * @see https://developers.google.com/identity/protocols/oauth2/service-account#httprest
 */
export const serviceAccount = z.object({
  type: z.literal('service_account').optional(),
  /** Firebase project id: `/v1/projects/<project_id>/messages:send`. */
  project_id: z.string().regex(/^[a-z][a-z0-9-]{4,61}[a-z0-9]$/, 'expected a Google Cloud project id'),
  /** The account's address: the assertion's `iss`. */
  client_email: z.email(),
  /** PKCS #8 PEM RSA key: signs the assertion (RS256). */
  private_key: z.string().includes('-----BEGIN PRIVATE KEY-----', { message: 'expected a PKCS #8 PEM private key' }),
  /** Sent as the assertion's `kid`, when present. */
  private_key_id: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/).optional(),
  /** Google's OAuth 2.0 token endpoint: the assertion's `aud` and where it is POSTed. */
  token_uri: z.url({ protocol: /^https?$/ }).default('https://oauth2.googleapis.com/token'),
});
export type ServiceAccount = z.infer<typeof serviceAccount>;

/**
 * Reads `FCM_SERVICE_ACCOUNT_JSON`: the key file's JSON itself, or the path of the file. Throws an
 * Error whose message names what is wrong but never echoes the key.
 */
export function loadServiceAccount(value: string): ServiceAccount {
  const text = value.trimStart().startsWith('{') ? value : readKeyFile(value);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error('expected the service-account JSON or the path of its file');
  }
  const parsed = serviceAccount.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${issue.path.join('.')}: ${issue.message}`);
  }
  try {
    const key = createPrivateKey(parsed.data.private_key);
    if (key.asymmetricKeyType !== 'rsa') throw new Error('not rsa');
  } catch {
    throw new Error('private_key: expected an RSA private key');
  }
  return parsed.data;
}

function readKeyFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new Error('cannot read the service-account file');
  }
}
