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
