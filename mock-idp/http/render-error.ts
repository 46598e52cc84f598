/** @module Sends Entra's error page for an AADSTS error; the code also goes in the `x-aadsts-code` header. */
import type { Response } from 'express';
import type { AadstsError } from '../protocol/aadsts.js';
import { errorPage } from './pages/error-page.js';
import type { ServerContext } from './context.js';

export function sendAadstsError(ctx: ServerContext, res: Response, error: AadstsError): void {
  res
    .status(error.httpStatus)
    .set('x-aadsts-code', `AADSTS${error.code}`)
    .type('html')
    .send(
      errorPage({
        code: `AADSTS${error.code}`,
        message: error.message,
        requestId: ctx.ids.guid(),
        correlationId: ctx.ids.guid(),
        timestamp: ctx.clock.now(),
      }),
    );
}
