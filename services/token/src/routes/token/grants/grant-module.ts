import type { z } from 'zod';
import type { ClientView } from '@ciba/contracts';
import type { TokenResponse } from '@ciba/contracts/api/token';
import type { TokenContext } from '../../../context.ts';
import type { SenderConstraint } from '../../../domain/tokens/sender-constraint.ts';

/** What a grant handler receives once the client is authenticated and its parameters are valid. */
export interface GrantInput<P> {
  client: ClientView;
  params: P;
  /** The access token's binding (`cnf`), when the request settled one (mTLS certificate, DPoP key). */
  senderConstraint?: SenderConstraint;
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
