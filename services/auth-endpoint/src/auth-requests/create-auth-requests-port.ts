import type { AuthRequestsPort } from '@ciba/contracts';
import type { AuthRequestRepository } from '../domain/auth-request-repository.ts';
import { toAuthRequestView } from './to-auth-request-view.ts';
import { toNotificationTarget } from './to-notification-target.ts';

/** The `AuthRequestsPort` this service owns, answered from its own table. */
export function createAuthRequestsPort(repository: AuthRequestRepository): AuthRequestsPort {
  return {
    async findByAuthReqIdHash(authReqIdHash) {
      const request = await repository.findByAuthReqIdHash(authReqIdHash);
      return request ? toAuthRequestView(request) : null;
    },
    async findByRequestId(requestId) {
      const request = await repository.findByRequestId(requestId);
      return request ? toAuthRequestView(request) : null;
    },
    async getNotificationTarget(requestId) {
      const request = await repository.findByRequestId(requestId);
      return request ? toNotificationTarget(request) : null;
    },
  };
}
