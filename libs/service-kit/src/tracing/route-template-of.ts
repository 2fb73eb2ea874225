import type { Request, Response } from 'express';

/**
 * The route that answered, as a template (`/device/decisions/:prompt_id`): Express' matched route
 * under its mount path, or the hot route `hotRoutes` served (`res.locals.route`); `unmatched`
 * when no route claimed the request (a 404 names no raw path, which could carry anything).
 */
export function routeTemplateOf(req: Request, res: Response): string {
  const exact = res.locals.route as string | undefined;
  if (exact) return exact;
  const path = (req.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? `${req.baseUrl}${path}` : 'unmatched';
}
