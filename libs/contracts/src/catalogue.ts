import type { z } from 'zod';
import { channelOffersSchema, topicSchemas } from './topics.ts';
import { channelDelivery } from './channels/channel-delivery.ts';
import { directoryRpc } from './ports/directory.ts';
import { authRequestsRpc } from './ports/auth-requests.ts';
import { tokenIssuerRpc } from './ports/token-issuer.ts';
import { putUserRequest, adminUserResponse } from './api/admin-users.ts';
import { auditResponse } from './api/admin-audit.ts';
import { adminKeysResponse, rotateKeysRequest, rotateKeysResponse } from './api/admin-keys.ts';
import { authenticationRequestParameters, backchannelAuthenticationResponse, signedAuthenticationRequestClaims } from './api/backchannel-authentication.ts';
import { deviceDecisionRequest, deviceDecisionResponse } from './api/device-decision.ts';
import { devicePrompt } from './api/device-prompt.ts';
import { providerMetadata } from './api/discovery.ts';
import { introspectionRequest, introspectionResponse, revocationRequest } from './api/introspection.ts';
import { clientRegistrationRequest, clientRegistrationResponse } from './api/registration.ts';
import { cibaTokenRequest, refreshTokenRequest, tokenResponse } from './api/token.ts';
import { userinfoResponse } from './api/userinfo.ts';

/**
 * Every schema published as JSON Schema (`npm run contracts:schema` writes libs/contracts/schema/,
 * `npm test` checks the files are current). Names are file names.
 */
export const catalogue: Record<string, z.ZodType> = {
  ...Object.fromEntries(Object.entries(topicSchemas).map(([topic, schema]) => [`topics/${topic}`, schema])),
  'topics/ciba.channel-offers.{channel}': channelOffersSchema,
  'channels/channel-delivery': channelDelivery,
  ...Object.fromEntries(Object.entries(directoryRpc).map(([m, s]) => [`ports/directory.${m}.result`, s.result])),
  ...Object.fromEntries(Object.entries(authRequestsRpc).map(([m, s]) => [`ports/auth-requests.${m}.result`, s.result])),
  ...Object.fromEntries(Object.entries(tokenIssuerRpc).map(([m, s]) => [`ports/token-issuer.${m}.result`, s.result])),
  'api/backchannel-authentication.request': authenticationRequestParameters,
  'api/backchannel-authentication.request-object': signedAuthenticationRequestClaims,
  'api/backchannel-authentication.response': backchannelAuthenticationResponse,
  'api/token.ciba-request': cibaTokenRequest,
  'api/token.refresh-request': refreshTokenRequest,
  'api/token.response': tokenResponse,
  'api/registration.request': clientRegistrationRequest,
  'api/registration.response': clientRegistrationResponse,
  'api/discovery.response': providerMetadata,
  'api/userinfo.response': userinfoResponse,
  'api/introspection.request': introspectionRequest,
  'api/introspection.response': introspectionResponse,
  'api/revocation.request': revocationRequest,
  'api/admin-users.put-request': putUserRequest,
  'api/admin-users.response': adminUserResponse,
  'api/admin-audit.response': auditResponse,
  'api/admin-keys.rotate-request': rotateKeysRequest,
  'api/admin-keys.rotate-response': rotateKeysResponse,
  'api/admin-keys.response': adminKeysResponse,
  'api/device-prompt': devicePrompt,
  'api/device-decision.request': deviceDecisionRequest,
  'api/device-decision.response': deviceDecisionResponse,
};
