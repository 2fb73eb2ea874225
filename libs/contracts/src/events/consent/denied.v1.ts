import { z } from 'zod';
import { envelopeOf } from '../../envelope.ts';
import { consentDecisionData } from './decision-data.ts';

export const CONSENT_DENIED_V1 = 'ciba.consent.denied.v1' as const;

/** The user denied the request on their authentication device (CIBA Core §11 `access_denied`). */
export const consentDeniedV1 = envelopeOf(CONSENT_DENIED_V1, consentDecisionData);
export type ConsentDeniedV1 = z.infer<typeof consentDeniedV1>;
