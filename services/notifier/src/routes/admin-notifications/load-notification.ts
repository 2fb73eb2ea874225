import type { NextFunction, Request, Response } from 'express';
import { NotFound } from '@ciba/contracts/oauth-errors';
import type { NotificationStore } from '../../domain/notification-store.ts';

/** Loads the notification of `res.locals.requestId` into `res.locals.notification`; 404 when there is none. */
export function loadNotification(store: Pick<NotificationStore, 'find'>) {
  return async (_req: Request, res: Response, next: NextFunction) => {
    const notification = await store.find(res.locals.requestId as string);
    if (!notification) throw new NotFound('no notification for this request');
    res.locals.notification = notification;
    next();
  };
}
