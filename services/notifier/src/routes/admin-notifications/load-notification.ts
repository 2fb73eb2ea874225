import type { NextFunction, Request, Response } from 'express';
import { NotFound } from '@ciba/contracts/oauth-errors';
import type { NotificationStore } from '../../domain/notification-store.ts';

/** Loads the request's notification into `res.locals.notification`; 404 when there is none. */
export function loadNotification(store: Pick<NotificationStore, 'find'>) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const notification = await store.find(String(req.params.request_id));
    if (!notification) throw new NotFound('no notification for this request');
    res.locals.notification = notification;
    next();
  };
}
