import { Router } from 'express';
import type { AuthRequestsPort } from '@ciba/contracts';
import { requireAdmin } from '@ciba/service-kit';
import type { OfferStore } from '../../domain/offer-store.ts';
import type { PromptStore } from '../../domain/prompt-store.ts';
import { loadAdminPrompt } from './load-admin-prompt.ts';
import { promptResponse } from './prompt-response.ts';

export interface AdminPromptDeps {
  adminToken: string;
  store: Pick<PromptStore, 'findByRequestId'>;
  offers: Pick<OfferStore, 'listOffers'>;
  /** Finds a request by the SHA-256 of its `auth_req_id` (owner: auth-endpoint). */
  authRequests: Pick<AuthRequestsPort, 'findByAuthReqIdHash'>;
}

/**
 * `GET /admin/prompts/{id}` (operators, `Authorization: Bearer <ADMIN_TOKEN>`), `id` being the request
 * id (UUID) or the client's `auth_req_id`: the prompt's status and delivery, and every offer to a
 * channel with its outcome; never an address, a token or the user's entries. 401 without the admin
 * token, 404 for an unknown request or one without a prompt yet.
 */
export function adminPromptRoutes(deps: AdminPromptDeps): Router {
  const router = Router();
  router.get('/admin/prompts/:id', requireAdmin(deps.adminToken), loadAdminPrompt(deps), promptResponse(deps.offers));
  return router;
}
