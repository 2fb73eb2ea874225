import { z } from 'zod';
import { envelopeOf } from '../../envelope.ts';
import { consentDecisionData } from './decision-data.ts';

export const CONSENT_GRANTED_V1 = 'ciba.consent.granted.v1' as const;

/** The user approved the request on their authentication device. */
export const consentGrantedV1 = envelopeOf(CONSENT_GRANTED_V1, consentDecisionData);
export type ConsentGrantedV1 = z.infer<typeof consentGrantedV1>;
