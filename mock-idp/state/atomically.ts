/** @module The shape of a tenant's "run this change under the state lock" function, shared by its parts. */

/**
 * Runs `fn` under the state's cross-process lock, on what is on disk now (TenantState.atomically). The
 * directory, apps and certificates each take it rather than the whole tenant, so none depends on the others.
 */
export type Atomically = <T>(fn: () => T) => T;
