/** @module The sign-in form's POST target: `/{tenant}/login`. */
import { Router } from 'express';
import { submitSignIn } from '../login-flow.js';
import type { ServerContext } from '../context.js';

export function signInRoutes(ctx: ServerContext): Router {
  const router = Router();
  router.post('/:tenant/login', async (req, res) => {
    await submitSignIn(ctx, req, res, req.params.tenant);
  });
  return router;
}
