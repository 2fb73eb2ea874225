import { z } from 'zod';

/**
 * The operator keys API of the token service, behind `Authorization: Bearer <ADMIN_TOKEN>`:
 * `GET /admin/keys` lists the signing keys (never private material); `POST /admin/keys/rotate`
 * rotates them: each algorithm's `next` key (published in the JWKS since at least
 * `SIGNING_KEY_NEXT_MIN_AGE`) starts signing, the active key retires (published and verifying until
 * every token it signed has expired), and a new `next` key is published. Too early answers 409
 * `conflict` unless `force` (for a compromised key).
 */
export const ADMIN_KEYS_PATH = '/admin/keys' as const;
export const ADMIN_KEYS_ROTATE_PATH = '/admin/keys/rotate' as const;

export const signingKeyAlg = z.enum(['RS256', 'PS256', 'ES256']);

/** `POST /admin/keys/rotate` body (optional): one algorithm or every one, and whether to force it. */
export const rotateKeysRequest = z
  .object({
    alg: signingKeyAlg.optional(),
    force: z.boolean().optional(),
  })
  .strict();
export type RotateKeysRequest = z.infer<typeof rotateKeysRequest>;

export const rotateKeysResponse = z.object({
  rotations: z.array(z.object({ alg: z.string(), activated: z.string(), retired: z.string().nullable(), next: z.string() })),
});

/** One signing key as `GET /admin/keys` shows it. */
export const signingKeyView = z.object({
  kid: z.string(),
  alg: z.string(),
  state: z.enum(['next', 'active', 'retired']),
  created_at: z.string(),
  activated_at: z.string().nullable(),
  retired_at: z.string().nullable(),
  publish_until: z.string().nullable(),
});
export const adminKeysResponse = z.object({ keys: z.array(signingKeyView) });
