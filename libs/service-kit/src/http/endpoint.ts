import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { answeredOAuthError } from './error-handler.ts';

/**
 * An endpoint's ordered steps as one express handler. Each step is an ordinary `(req, res, next)`
 * middleware: it calls `next()` to go on, answers, or throws (or rejects). An exposed OAuth error is
 * answered here as the error middleware answers it, rather than carried through every remaining
 * router layer to it; anything else goes on with `next(err)`, so logging and the 500 are unchanged.
 * After the last step's `next()`, the request goes on as it would after the same steps in a route.
 */
export function endpoint(...steps: RequestHandler[]): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    let index = 0;
    const fail = (err: unknown): void => {
      if (!answeredOAuthError(err, res)) next(err);
    };
    const proceed = (err?: unknown): void => {
      if (err) return fail(err);
      const step = steps[index++];
      if (!step) return next();
      try {
        const result = step(req, res, proceed) as unknown;
        if (typeof (result as PromiseLike<void> | undefined)?.then === 'function') (result as PromiseLike<void>).then(undefined, fail);
      } catch (thrown) {
        fail(thrown);
      }
    };
    proceed();
  };
}
