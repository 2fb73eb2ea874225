import type { NextFunction, Request, Response } from 'express';
import { InvalidRequest, UnsupportedMediaType } from '@ciba/contracts/oauth-errors';
import { hasMediaType } from './has-media-type.ts';
import { readBody } from './read-body.ts';

/** Largest OAuth form body accepted (a signed request object plus a client assertion fit easily). */
export const FORM_BODY_LIMIT = 64 * 1024;

export interface FormBodyOptions {
  /**
   * Parameters whose own step refuses a NUL with the spec's more specific error (e.g. CIBA's
   * `binding_message`, answered `invalid_binding_message`); the form lets their NUL through to it.
   */
  checkedLater?: readonly string[];
}

/**
 * Parses `application/x-www-form-urlencoded` bodies into `req.body: Record<string, string>`.
 * RFC 6749 §3.1/§3.2: parameters sent more than once are rejected with `invalid_request`, and so
 * is a NUL in a name or value: no OAuth parameter holds one, and PostgreSQL could not store it.
 */
export function formBody(limit = FORM_BODY_LIMIT, options: FormBodyOptions = {}) {
  const ownCheck = new Set(options.checkedLater ?? []);
  return async (req: Request, _res: Response, next: NextFunction) => {
    if (!hasMediaType(req, 'application/x-www-form-urlencoded')) {
      throw new InvalidRequest('content type must be application/x-www-form-urlencoded');
    }
    const params = new URLSearchParams(await readBody(req, limit));
    const body: Record<string, string> = Object.create(null);
    for (const [name, value] of params) {
      if (name in body) throw new InvalidRequest(`parameter ${name} is repeated`);
      if (name.includes('\u0000') || (value.includes('\u0000') && !ownCheck.has(name))) throw new InvalidRequest(`parameter ${name} must not contain NUL characters`);
      body[name] = value;
    }
    req.body = body;
    next();
  };
}

/** Accepts only JSON bodies; used by the registration, operator and device APIs. */
export function jsonBody(limit = FORM_BODY_LIMIT) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    if (!hasMediaType(req, 'application/json')) throw new UnsupportedMediaType('content type must be application/json');
    const text = await readBody(req, limit);
    try {
      req.body = JSON.parse(text);
    } catch {
      throw new InvalidRequest('request body is not valid JSON');
    }
    next();
  };
}
