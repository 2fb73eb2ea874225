import type { Request, RequestHandler, Response } from 'express';

export interface StepRun {
  req: Request;
  res: Response & { headers: Record<string, string> };
  nextCalled: boolean;
}

/** Runs one route step on a minimal request/response; a thrown error rejects. */
export async function runStep(
  step: RequestHandler,
  req: { body?: unknown; headers?: Record<string, string>; contentType?: string } = {},
  locals: Record<string, unknown> = {},
): Promise<StepRun> {
  const run: StepRun = {
    req: {
      body: req.body,
      headers: req.headers ?? {},
      is: (type: string) => (req.contentType === type ? type : false),
    } as unknown as Request,
    res: undefined as unknown as StepRun['res'],
    nextCalled: false,
  };
  const headers: Record<string, string> = {};
  run.res = {
    locals: { ...locals },
    headers,
    set(fields: Record<string, string>) {
      Object.assign(headers, fields);
      return run.res;
    },
  } as unknown as StepRun['res'];
  await step(run.req, run.res, (err?: unknown) => {
    if (err) throw err;
    run.nextCalled = true;
  });
  return run;
}
