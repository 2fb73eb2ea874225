import type { z } from 'zod';
import type { ClientView } from '@ciba/contracts';
import type { TokenResponse } from '@ciba/contracts/api/token';
import type { TokenContext } from '../../../context.ts';
import type { Confirmation } from '../../../domain/tokens/confirmation.ts';

/** What a grant handler receives once the client is authenticated and its parameters are valid. */
export interface GrantInput<P> {
  client: ClientView;
  params: P;
  /** The key the request proved possession of (a DPoP proof's `jkt`): tokens are bound to it. */
  cnf?: Confirmation;
}

/**
 * One grant type of the token endpoint: its `grant_type`, the schema of its parameters, and the
 * handler that answers tokens or throws the grant's OAuth error. Grants are added, not switched on.
 */
export interface GrantModule<P = unknown> {
  grantType: string;
  parameters: z.ZodType<P>;
  handler(ctx: TokenContext, input: GrantInput<P>): Promise<TokenResponse>;
}
