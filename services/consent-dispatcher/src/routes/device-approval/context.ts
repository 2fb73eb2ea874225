import type { DirectoryPort } from '@ciba/contracts';
import type { DecisionContext, DecisionDeps } from '../device-decisions/context.ts';

/** What the steps of the hosted approval page use, beyond the decision endpoint's. */
export interface ApprovalDeps extends DecisionDeps {
  /** Client names (owner: token). */
  directory: Pick<DirectoryPort, 'getClient'>;
  /** HMAC key of the CSRF tokens (see `csrfKey`). */
  csrfKey: Uint8Array;
  /** Whether the CSRF cookie is `Secure` (the page is served over https). */
  secureCookies: boolean;
}

/** One request through the page's pipeline: the decision endpoint's context plus the page's own. */
export interface ApprovalContext extends DecisionContext {
  readonly deps: ApprovalDeps;
  /** The decision token the link or the form carried. */
  token?: string;
  /** The client's registered name, or its id. */
  clientName?: string;
  /** The CSRF token issued with the form. */
  csrf?: string;
}

/** One named step of the page's pipeline; a step that answered (`res.headersSent`) ends it. */
export type ApprovalStep = (ctx: ApprovalContext) => Promise<void> | void;
