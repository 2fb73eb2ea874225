import type { z } from 'zod';
import { topicSchemas } from './topics.ts';
import { directoryRpc } from './ports/directory.ts';
import { authRequestsRpc } from './ports/auth-requests.ts';

/**
 * Every schema published as JSON Schema (`npm run contracts:schema` writes libs/contracts/schema/,
 * `npm test` checks the files are current). Names are file names.
 */
export const catalogue: Record<string, z.ZodType> = {
  ...Object.fromEntries(Object.entries(topicSchemas).map(([topic, schema]) => [`topics/${topic}`, schema])),
  ...Object.fromEntries(Object.entries(directoryRpc).map(([m, s]) => [`ports/directory.${m}.result`, s.result])),
  ...Object.fromEntries(Object.entries(authRequestsRpc).map(([m, s]) => [`ports/auth-requests.${m}.result`, s.result])),
};
