import type { ChannelDeliverer, ChannelResult } from '@ciba/channel-kit';
import type { ChannelDelivery } from '@ciba/contracts';
import { chatMessage } from './chat-message.ts';

export interface ChatDelivererOptions {
  /** The plug-in's channel name; only entries `{ type: 'plugin', name: <channel> }` are its own. */
  channel: string;
  /** The chat server's message endpoint. */
  chatServerUrl: string;
  timeoutMs: number;
}

/**
 * A plug-in channel: posts the prompt and its approval link to a chat server for the entry's `target`.
 * Its whole contract with the CIBA server is the `ChannelDeliverer` it returns: resolve with
 * `delivered` or a failure reason (never throw for a provider's error), and stop when `signal` aborts.
 */
export function createChatDeliverer(options: ChatDelivererOptions): ChannelDeliverer {
  return {
    channel: options.channel,
    async deliver(delivery: ChannelDelivery, signal: AbortSignal): Promise<ChannelResult> {
      const entry = delivery.channel;
      if (entry.type !== 'plugin' || entry.name !== options.channel) return { delivered: false, reason: 'not_configured' };
      const bounded = AbortSignal.any([signal, AbortSignal.timeout(options.timeoutMs)]);
      try {
        const res = await fetch(options.chatServerUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(chatMessage(delivery, entry.target)),
          redirect: 'manual',
          signal: bounded,
        });
        await res.body?.cancel();
        if (res.ok) return { delivered: true, statusCode: res.status };
        return { delivered: false, reason: res.status >= 300 && res.status < 400 ? 'redirected' : 'rejected', statusCode: res.status };
      } catch {
        return { delivered: false, reason: bounded.aborted ? 'timeout' : 'network_error' };
      }
    },
  };
}
