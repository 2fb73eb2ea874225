import { Router } from 'express';
import { REGISTRATION_PATH } from '@ciba/contracts/api/registration';
import { jsonBody } from '@ciba/service-kit';
import type { TokenContext } from '../../context.ts';
import { checkClientMetadata } from './check-client-metadata.ts';
import { checkInitialAccessToken } from './check-initial-access-token.ts';
import { registerClient } from './register-client.ts';
import { registrationResponse } from './registration-response.ts';

/**
 * `POST /register`: dynamic client registration (RFC 7591, CIBA Core §4 metadata).
 * @see https://www.rfc-editor.org/rfc/rfc7591#section-3
 */
export function registrationRoutes(ctx: TokenContext): Router {
  const router = Router();
  router.post(
    REGISTRATION_PATH,
    checkInitialAccessToken(ctx),
    jsonBody(),
    checkClientMetadata(ctx),
    registerClient(ctx),
    registrationResponse(),
  );
  return router;
}
