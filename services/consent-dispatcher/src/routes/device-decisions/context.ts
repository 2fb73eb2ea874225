import type { Request, Response } from 'express';
import type { DeviceDecision, DeviceDecisionStatus } from '@ciba/contracts/api/device-decision';
import type { Logger } from '@ciba/service-kit';
import type { ConsentPrompt } from '../../domain/consent-prompt.ts';
import type { PromptStore } from '../../domain/prompt-store.ts';

/** What the steps of the decision endpoint use. */
export interface DecisionDeps {
  logger: Logger;
  store: PromptStore;
  now(): Date;
}

/** One request through the pipeline; each step reads what earlier steps settled and adds its own. */
export interface DecisionContext {
  readonly req: Request;
  readonly res: Response;
  readonly deps: DecisionDeps;
  prompt?: ConsentPrompt;
  decision?: DeviceDecision;
  /** The prompt's state after the request: what the 200 answer reports. */
  status?: DeviceDecisionStatus;
}

/** One named step of the pipeline. */
export type DecisionStep = (ctx: DecisionContext) => Promise<void> | void;
