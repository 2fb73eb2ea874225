import { z } from 'zod';
import { USER_HINT_PARAMETERS } from '../api/backchannel-authentication.ts';
import { channelType, deliveryMode } from '../api/common.ts';

/**
 * The directory port, owned by the token service (it owns clients, users and signing keys).
 * auth-endpoint, consent-dispatcher and notifier ask it through this interface: in the all-in-one
 * process the token service's object is wired in directly; run apart, an HTTP adapter calls
 * `POST /internal/directory/<method>` on the token service.
 */

/** What other services may know of a registered client (never its secret or keys). */
export const clientView = z.object({
  client_id: z.string(),
  client_name: z.string().optional(),
  grant_types: z.array(z.string()),
  scope: z.string().optional(),
  token_endpoint_auth_method: z.enum(['client_secret_basic', 'client_secret_post', 'private_key_jwt']),
  backchannel_token_delivery_mode: deliveryMode.optional(),
  backchannel_client_notification_endpoint: z.string().optional(),
  backchannel_authentication_request_signing_alg: z.string().optional(),
  backchannel_user_code_parameter: z.boolean(),
  id_token_signed_response_alg: z.string(),
  /**
   * The channel types (`webhook`, `email`, `sms`, `push`, `plugin`) this client's prompts may use;
   * absent: every type. Registered as `consent_channel_types`.
   */
  consent_channel_types: z.array(channelType).optional(),
  /** The hint kinds (CIBA Core §7.1) this client may identify users with; absent: every kind. */
  backchannel_user_hint_types: z.array(z.enum(USER_HINT_PARAMETERS)).optional(),
  /** RFC 9449 §5.2: every token request of this client must carry a DPoP proof. */
  dpop_bound_access_tokens: z.boolean().optional(),
});
export type ClientView = z.infer<typeof clientView>;

/** The raw credentials of an HTTP request, as the client sent them (RFC 6749 §2.3, RFC 7523 §2.2). */
export const clientCredentials = z.object({
  /** The `Authorization` header, if any. */
  authorization: z.string().max(8192).optional(),
  client_id: z.string().max(8192).optional(),
  client_secret: z.string().max(8192).optional(),
  client_assertion_type: z.string().max(8192).optional(),
  client_assertion: z.string().max(16384).optional(),
  /** The URL of the endpoint being called; accepted as a client assertion `aud` besides the issuer. */
  endpoint: z.string().max(2048),
});
export type ClientCredentials = z.infer<typeof clientCredentials>;

/** A browser's Web Push subscription (Push API `PushSubscription.toJSON()`): where and how to encrypt. */
export const webPushSubscription = z.object({
  endpoint: z.url({ protocol: /^https?$/ }).max(2048),
  keys: z.object({
    /**
     * The user agent's P-256 public key (RFC 8291), base64url. Only its size is checked here: keys
     * that cannot encrypt are the push channel's to report (`rejected`), as the browser gave them.
     */
    p256dh: z.string().min(1).max(256),
    /** The 16-byte authentication secret (RFC 8291), base64url. */
    auth: z.string().min(1).max(256),
  }),
});
export type WebPushSubscription = z.infer<typeof webPushSubscription>;

/**
 * `push` channels: `fcm` (Firebase Cloud Messaging HTTP v1) with the app instance's registration
 * `token`, or `webpush` (RFC 8030/8291/8292) with the browser's `subscription`.
 */
export const pushChannel = z.discriminatedUnion('provider', [
  z.object({ type: z.literal('push'), provider: z.literal('fcm'), token: z.string().min(1).max(4096) }),
  z.object({ type: z.literal('push'), provider: z.literal('webpush'), subscription: webPushSubscription }),
]);

/**
 * A channel served by a plug-in outside our services: the consumer of topic
 * `ciba.channel-offers.<name>` (see `channels/channel-offers-topic.ts`). `target` is what that
 * channel needs to reach the user (a chat id, a phone number for a voice call, ...).
 */
export const pluginChannel = z.object({
  type: z.literal('plugin'),
  /** The plug-in's channel name: lower-case letters, digits and `-`; not a built-in type. */
  name: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,39}$/)
    .refine((name) => !['webhook', 'email', 'sms', 'push', 'plugin'].includes(name), 'must not be a built-in channel type'),
  target: z.string().min(1).max(2048),
});

/** A channel of a user (interfaces.md §3), tried in order by the consent dispatcher. */
export const userChannel = z.union([
  z.object({ type: z.literal('webhook'), url: z.url() }),
  z.object({ type: z.literal('email'), address: z.email().max(320) }),
  z.object({ type: z.literal('sms'), phone: z.string().regex(/^\+?[0-9][0-9 ()-]{2,31}$/, 'expected a phone number') }),
  pushChannel,
  pluginChannel,
]);
export type UserChannel = z.infer<typeof userChannel>;

export const userView = z.object({
  sub: z.string(),
  claims: z.record(z.string(), z.unknown()),
  channels: z.array(userChannel),
  has_user_code: z.boolean(),
});
export type UserView = z.infer<typeof userView>;

export interface DirectoryPort {
  /** Authenticates the client by its registered method; throws `InvalidClient` (401). */
  authenticateClient(credentials: ClientCredentials): Promise<ClientView>;
  /** A client's public metadata, or null. */
  getClient(clientId: string): Promise<ClientView | null>;
  /** The `sub` a login hint resolves to, or null. */
  resolveLoginHint(loginHint: string): Promise<string | null>;
  /** The user, or null when unknown (or deleted). */
  getUser(sub: string): Promise<UserView | null>;
  /** Constant-time check of a user code against the stored hash; false when the user has none. */
  verifyUserCode(sub: string, userCode: string): Promise<boolean>;
  /**
   * Verifies a JWT signed by this server (an ID token used as `id_token_hint`): signature and issuer,
   * tolerating expiry. Returns its claims, or null when it is not ours or not valid.
   */
  verifyOwnJwt(jwt: string): Promise<Record<string, unknown> | null>;
  /**
   * Verifies a JWT signed by the client with its registered keys (`jwks` or `jwks_uri`), checking the
   * signature and `alg` only; the caller checks the claims. Returns header and claims, or null.
   */
  verifyClientJwt(clientId: string, jwt: string, algorithms?: string[]): Promise<{ header: Record<string, unknown>; claims: Record<string, unknown> } | null>;
  /**
   * Signs `payload` (the exact bytes a receiver gets, as UTF-8) with the current signing key published
   * at `/jwks`: a detached compact JWS (RFC 7515 Appendix F, `<header>..<signature>`), header
   * `{alg, kid, typ: 'ciba-prompt+jws'}`. The consent dispatcher signs webhook prompt bodies with it.
   */
  signDetached(payload: string): Promise<string>;
}

/** Wire schemas of the directory port's methods: `args` tuple and `result`, for the HTTP adapter. */
export const directoryRpc = {
  authenticateClient: { args: z.tuple([clientCredentials]), result: clientView },
  getClient: { args: z.tuple([z.string().max(200)]), result: clientView.nullable() },
  resolveLoginHint: { args: z.tuple([z.string().max(1024)]), result: z.string().nullable() },
  getUser: { args: z.tuple([z.string().max(255)]), result: userView.nullable() },
  verifyUserCode: { args: z.tuple([z.string().max(255), z.string().max(1024)]), result: z.boolean() },
  verifyOwnJwt: { args: z.tuple([z.string().max(16384)]), result: z.record(z.string(), z.unknown()).nullable() },
  verifyClientJwt: {
    args: z.tuple([z.string().max(200), z.string().max(65536), z.array(z.string()).optional()]),
    result: z.object({ header: z.record(z.string(), z.unknown()), claims: z.record(z.string(), z.unknown()) }).nullable(),
  },
  signDetached: { args: z.tuple([z.string().max(16384)]), result: z.string().regex(/^[A-Za-z0-9_-]+\.\.[A-Za-z0-9_-]+$/) },
} as const;
