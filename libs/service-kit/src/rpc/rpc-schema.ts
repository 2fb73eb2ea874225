import type { z } from 'zod';

/** The wire schemas of a port: for each method, its argument tuple and its result. */
export type RpcSchema = Record<string, { args: z.ZodType<unknown[]>; result: z.ZodType }>;

/** The port interface an RPC schema describes. */
export type RpcPort<S extends RpcSchema> = {
  [M in keyof S]: (...args: z.infer<S[M]['args']>) => Promise<z.infer<S[M]['result']>>;
};
