import { z } from 'zod';

/**
 * The authentication device's answer to a consent prompt: `POST <decision_uri>` with
 * `Authorization: Bearer <decision_token>` and a JSON body.
 * - 200 `{"status": "approved" | "denied"}` on the first decision, and again for the same decision;
 * - 409 `conflict` for a different decision than the recorded one;
 * - 401 `unauthorized` for a missing or wrong token; 404 `not_found` for an unknown prompt;
 * - 410 `gone` when the request expired undecided; 400 `invalid_request` for a malformed body.
 *
 * @see interfaces.md §4
 */

/** The path of the endpoint, relative to the consent dispatcher's public URL. */
export const DEVICE_DECISION_PATH = '/device/decisions/:prompt_id' as const;

/** What the user chose on the device. */
export const deviceDecision = z.enum(['approve', 'deny']);
export type DeviceDecision = z.infer<typeof deviceDecision>;

/** The request body; unknown members are ignored. */
export const deviceDecisionRequest = z.object({ decision: deviceDecision });
export type DeviceDecisionRequest = z.infer<typeof deviceDecisionRequest>;

/** The recorded state of the prompt after a decision. */
export const deviceDecisionStatus = z.enum(['approved', 'denied']);
export type DeviceDecisionStatus = z.infer<typeof deviceDecisionStatus>;

/** The 200 answer. */
export const deviceDecisionResponse = z.object({ status: deviceDecisionStatus });
export type DeviceDecisionResponse = z.infer<typeof deviceDecisionResponse>;
