/** PUT replaces the whole group; POST replaces only the metric families the body holds. */
export type PushMethod = 'PUT' | 'POST';

/** The push method a request method names exactly (as sent: `put` is not PUT), or null for one that does not push. */
export function pushMethodNamed(method: string): PushMethod | null {
  return method === 'PUT' || method === 'POST' ? method : null;
}
