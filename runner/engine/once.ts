/** @module `once(make)`: a value made on first use and kept (the run's second tenant, a baseline response). */

/** `make()` on the first call, its value on every later one. */
export function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}
