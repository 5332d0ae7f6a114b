/** PUT replaces the whole group; POST replaces only the metric families the body holds. */
export type PushMethod = 'PUT' | 'POST';
