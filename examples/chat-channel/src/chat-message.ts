import type { ChannelDelivery } from '@ciba/contracts';

/** What the chat server receives: who to write to, the text, and the approval link on its own for a button. */
export interface ChatMessage {
  /** The user's handle on the chat (the channel entry's `target`). */
  to: string;
  text: string;
  /** The hosted approval page; single use. */
  approval_uri: string;
  /** The prompt, for de-duplication (the same prompt may arrive twice). */
  prompt_id: string;
}

/** The chat message of one delivery: the prompt in words and its approval link. */
export function chatMessage(delivery: ChannelDelivery, target: string): ChatMessage {
  const { prompt } = delivery;
  const lines = [
    `${prompt.client_name ?? prompt.client_id} asks you to sign in (${prompt.scope}).`,
    ...(prompt.binding_message ? [`Check that it shows: ${prompt.binding_message}`] : []),
    `Approve or deny: ${delivery.approval_uri}`,
  ];
  return { to: target, text: lines.join('\n'), approval_uri: delivery.approval_uri, prompt_id: prompt.prompt_id };
}
