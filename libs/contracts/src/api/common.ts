import { z } from 'zod';

/** CIBA Core §5 token delivery modes. */
export const deliveryMode = z.enum(['poll', 'ping', 'push']);
export type DeliveryMode = z.infer<typeof deliveryMode>;

/** The consent channel types of interfaces.md §3, and `plugin` for channels served outside our services. */
export const channelType = z.enum(['webhook', 'email', 'sms', 'push', 'plugin']);
export type ChannelType = z.infer<typeof channelType>;

/** CIBA grant type identifier (CIBA Core §10.1). */
export const CIBA_GRANT_TYPE = 'urn:openid:params:grant-type:ciba' as const;
export const REFRESH_TOKEN_GRANT_TYPE = 'refresh_token' as const;
