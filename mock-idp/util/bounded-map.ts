/** @module A Map kept to a size: the oldest entry goes first when a new key would pass the bound. */

/** `map.set(key, value)`, dropping the oldest entry first when a new key would pass `max`. */
export function setBounded<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  if (!map.has(key) && map.size >= max) map.delete(map.keys().next().value!);
  map.set(key, value);
}
