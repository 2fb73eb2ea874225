import type { Request, Response } from 'express';
import type { AuthenticationRequestParameters, UserHintParameter } from '@ciba/contracts/api/backchannel-authentication';
import type { ClientView, DeliveryMode, DirectoryPort, UserView } from '@ciba/contracts';
import type { Logger } from '@ciba/service-kit';
import type { AuthEndpointConfig } from '../../config.ts';
import type { AuthRequestRepository } from '../../domain/auth-request-repository.ts';
import type { HintIssuerKeys } from '../../hint-issuers/hint-issuer-keys.ts';
import type { PromptLimits } from '../../domain/prompt-limits.ts';
import type { RequestObjectJtis } from '../../domain/request-object-jtis.ts';

/** What the steps of the backchannel authentication endpoint use. */
export interface BackchannelDeps {
  config: AuthEndpointConfig;
  logger: Logger;
  directory: DirectoryPort;
  repository: AuthRequestRepository;
  jtis: RequestObjectJtis;
  promptLimits: PromptLimits;
  /** Trusted `login_hint_token` issuers besides the clients, by `iss`. */
  hintIssuers: ReadonlyMap<string, HintIssuerKeys>;
  now(): Date;
}

/** One request through the pipeline; each step reads what earlier steps settled and adds its own. */
export interface BackchannelContext {
  readonly req: Request;
  readonly res: Response;
  readonly deps: BackchannelDeps;
  /** The form parameters, empty values dropped (RFC 6749 §3.1). */
  form: Record<string, string>;
  client?: ClientView;
  /** The authentication request parameters, from the form or from the signed request. */
  params: AuthenticationRequestParameters;
  scope?: string;
  hint?: { name: UserHintParameter; value: string };
  /** Seconds until the request expires. */
  expiresIn?: number;
  requestedExpiry?: number;
  deliveryMode?: DeliveryMode;
  clientNotificationToken?: string;
  user?: UserView;
  /** The id the request is counted and stored under. */
  requestId?: string;
  /** The prompt counted against the limits; released if the request is not stored. */
  reservation?: { release(): Promise<void> };
  result?: { authReqId: string; expiresIn: number; interval?: number };
}

/** One named step of the pipeline. */
export type BackchannelStep = (ctx: BackchannelContext) => Promise<void> | void;
