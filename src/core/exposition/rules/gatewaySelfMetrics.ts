import { MetricType } from '../model';

/**
 * The families Pushgateway 1.5.1 exposes about itself (read from its /metrics on Linux). A pushed
 * family of the same name with another type makes the gateway reject the push.
 */
export const GATEWAY_SELF_METRICS: ReadonlyMap<string, MetricType> = new Map<string, MetricType>([
  ['go_gc_duration_seconds', 'summary'],
  ['go_goroutines', 'gauge'],
  ['go_info', 'gauge'],
  ['go_memstats_alloc_bytes', 'gauge'],
  ['go_memstats_alloc_bytes_total', 'counter'],
  ['go_memstats_buck_hash_sys_bytes', 'gauge'],
  ['go_memstats_frees_total', 'counter'],
  ['go_memstats_gc_sys_bytes', 'gauge'],
  ['go_memstats_heap_alloc_bytes', 'gauge'],
  ['go_memstats_heap_idle_bytes', 'gauge'],
  ['go_memstats_heap_inuse_bytes', 'gauge'],
  ['go_memstats_heap_objects', 'gauge'],
  ['go_memstats_heap_released_bytes', 'gauge'],
  ['go_memstats_heap_sys_bytes', 'gauge'],
  ['go_memstats_last_gc_time_seconds', 'gauge'],
  ['go_memstats_lookups_total', 'counter'],
  ['go_memstats_mallocs_total', 'counter'],
  ['go_memstats_mcache_inuse_bytes', 'gauge'],
  ['go_memstats_mcache_sys_bytes', 'gauge'],
  ['go_memstats_mspan_inuse_bytes', 'gauge'],
  ['go_memstats_mspan_sys_bytes', 'gauge'],
  ['go_memstats_next_gc_bytes', 'gauge'],
  ['go_memstats_other_sys_bytes', 'gauge'],
  ['go_memstats_stack_inuse_bytes', 'gauge'],
  ['go_memstats_stack_sys_bytes', 'gauge'],
  ['go_memstats_sys_bytes', 'gauge'],
  ['go_threads', 'gauge'],
  ['process_cpu_seconds_total', 'counter'],
  ['process_max_fds', 'gauge'],
  ['process_open_fds', 'gauge'],
  ['process_resident_memory_bytes', 'gauge'],
  ['process_start_time_seconds', 'gauge'],
  ['process_virtual_memory_bytes', 'gauge'],
  ['process_virtual_memory_max_bytes', 'gauge'],
  ['pushgateway_build_info', 'gauge'],
  // Registered at start, exposed once the gateway has served a request.
  ['pushgateway_http_push_duration_seconds', 'summary'],
  ['pushgateway_http_push_size_bytes', 'summary'],
  ['pushgateway_http_requests_total', 'counter'],
]);
