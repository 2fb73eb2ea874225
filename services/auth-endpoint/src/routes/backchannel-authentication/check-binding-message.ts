import { InvalidBindingMessage, InvalidRequest } from '@ciba/contracts/oauth-errors';
import { isDisplayableText } from '../../domain/is-displayable-text.ts';
import type { BackchannelStep } from './context.ts';

/**
 * `binding_message` must be short and plainly displayable on the authentication device
 * (CIBA Core §7.1); otherwise `invalid_binding_message`. FAPI clients must send one (FAPI-CIBA
 * §5.2.2-2: this server gives the user no other unique context to tell requests apart), otherwise
 * `invalid_request` (a missing required parameter, CIBA Core §13).
 */
export const checkBindingMessage: BackchannelStep = (ctx) => {
  const message = ctx.params.binding_message;
  if (message === undefined && ctx.client?.security_profile === 'fapi-ciba') {
    throw new InvalidRequest('binding_message is required for fapi-ciba clients');
  }
  if (message === undefined) return;
  const max = ctx.deps.config.bindingMessageMaxLength;
  if ([...message].length > max) throw new InvalidBindingMessage(`binding_message must be at most ${max} characters`);
  if (!isDisplayableText(message)) throw new InvalidBindingMessage('binding_message must contain only printable characters');
};
