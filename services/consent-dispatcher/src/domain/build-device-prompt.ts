import { devicePrompt, type DevicePrompt } from '@ciba/contracts/api/device-prompt';
import type { ConsentPrompt } from './consent-prompt.ts';
import { decisionUri } from './decision-uri.ts';

export interface PromptExtras {
  /** The client's registered name, when it has one. */
  clientName?: string;
  publicUrl: string;
  decisionToken: string;
}

/**
 * The prompt JSON every channel carries (interfaces.md §4); absent optionals are omitted. Checked
 * against the contract, so nothing off-contract leaves the server.
 */
export function buildDevicePrompt(prompt: ConsentPrompt, extras: PromptExtras): DevicePrompt {
  return devicePrompt.parse({
    prompt_id: prompt.promptId,
    sub: prompt.sub,
    client_id: prompt.clientId,
    ...(extras.clientName ? { client_name: extras.clientName } : {}),
    scope: prompt.scope,
    ...(prompt.bindingMessage !== undefined ? { binding_message: prompt.bindingMessage } : {}),
    ...(prompt.acrValues !== undefined ? { acr_values: prompt.acrValues } : {}),
    expires_at: prompt.expiresAt.toISOString(),
    decision_uri: decisionUri(extras.publicUrl, prompt.promptId),
    decision_token: extras.decisionToken,
  });
}
