import { COUNTER, GAUGE, LabelPair, MetricFamily, MetricTypeCode, SUMMARY } from '../model';
import { REQUEST_FAMILY_HELP, REQUEST_FAMILY_TYPES, RequestMetrics } from './requestMetrics';

// The gateway's own metrics (its Go runtime, process and build info, as Pushgateway 1.5.1 on
// Debian exposes them), with fixed plausible values: scrapers see them, and a pushed family with
// one of these names is checked against them exactly like the real gateway checks it.

export interface SelfFamily {
  family: MetricFamily;
  /**
   * Whether the store replaces a pushed family's HELP by this one. The real gateway collects these
   * help texts at start-up; its pushgateway_http_* families appear only after the first requests,
   * so a push of one of them with another HELP is refused instead.
   */
  predefinedHelp: boolean;
}

function simple(name: string, type: MetricTypeCode, help: string, value: number, labels: LabelPair[] = []): SelfFamily {
  const holder = { value };
  const metric = type === COUNTER ? { labels, counter: holder } : { labels, gauge: holder };
  return { family: { name, help, type, metrics: [metric] }, predefinedHelp: true };
}

function gcDuration(): SelfFamily {
  const quantiles = [0, 0.25, 0.5, 0.75, 1].map((quantile) => ({ quantile, value: 0 }));
  return {
    family: {
      name: 'go_gc_duration_seconds',
      help: 'A summary of the pause duration of garbage collection cycles.',
      type: SUMMARY,
      metrics: [{ labels: [], summary: { sampleCount: 0n, sampleSum: 0, quantiles } }],
    },
    predefinedHelp: true,
  };
}

const GO_VERSION = 'go1.19.8';

function buildSelfFamilies(startSeconds: number): SelfFamily[] {
  return [
    gcDuration(),
    simple('go_goroutines', GAUGE, 'Number of goroutines that currently exist.', 10),
    simple('go_info', GAUGE, 'Information about the Go environment.', 1, [{ name: 'version', value: GO_VERSION }]),
    simple('go_memstats_alloc_bytes', GAUGE, 'Number of bytes allocated and still in use.', 1.384592e6),
    simple('go_memstats_alloc_bytes_total', COUNTER, 'Total number of bytes allocated, even if freed.', 1.384592e6),
    simple('go_memstats_buck_hash_sys_bytes', GAUGE, 'Number of bytes used by the profiling bucket hash table.', 1.446106e6),
    simple('go_memstats_frees_total', COUNTER, 'Total number of frees.', 354),
    simple('go_memstats_gc_sys_bytes', GAUGE, 'Number of bytes used for garbage collection system metadata.', 7.87672e6),
    simple('go_memstats_heap_alloc_bytes', GAUGE, 'Number of heap bytes allocated and still in use.', 1.384592e6),
    simple('go_memstats_heap_idle_bytes', GAUGE, 'Number of heap bytes waiting to be used.', 393216),
    simple('go_memstats_heap_inuse_bytes', GAUGE, 'Number of heap bytes that are in use.', 3.2768e6),
    simple('go_memstats_heap_objects', GAUGE, 'Number of allocated objects.', 10533),
    simple('go_memstats_heap_released_bytes', GAUGE, 'Number of heap bytes released to OS.', 360448),
    simple('go_memstats_heap_sys_bytes', GAUGE, 'Number of heap bytes obtained from system.', 3.670016e6),
    simple('go_memstats_last_gc_time_seconds', GAUGE, 'Number of seconds since 1970 of last garbage collection.', 0),
    simple('go_memstats_lookups_total', COUNTER, 'Total number of pointer lookups.', 0),
    simple('go_memstats_mallocs_total', COUNTER, 'Total number of mallocs.', 10887),
    simple('go_memstats_mcache_inuse_bytes', GAUGE, 'Number of bytes in use by mcache structures.', 2400),
    simple('go_memstats_mcache_sys_bytes', GAUGE, 'Number of bytes used for mcache structures obtained from system.', 15600),
    simple('go_memstats_mspan_inuse_bytes', GAUGE, 'Number of bytes in use by mspan structures.', 48960),
    simple('go_memstats_mspan_sys_bytes', GAUGE, 'Number of bytes used for mspan structures obtained from system.', 65088),
    simple('go_memstats_next_gc_bytes', GAUGE, 'Number of heap bytes when next garbage collection will take place.', 4.194304e6),
    simple('go_memstats_other_sys_bytes', GAUGE, 'Number of bytes used for other system allocations.', 538766),
    simple('go_memstats_stack_inuse_bytes', GAUGE, 'Number of bytes in use by the stack allocator.', 524288),
    simple('go_memstats_stack_sys_bytes', GAUGE, 'Number of bytes obtained from system for stack allocator.', 524288),
    simple('go_memstats_sys_bytes', GAUGE, 'Number of bytes obtained from system.', 1.4136584e7),
    simple('go_threads', GAUGE, 'Number of OS threads created.', 8),
    simple('process_cpu_seconds_total', COUNTER, 'Total user and system CPU time spent in seconds.', 0.01),
    simple('process_max_fds', GAUGE, 'Maximum number of open file descriptors.', 20000),
    simple('process_open_fds', GAUGE, 'Number of open file descriptors.', 11),
    simple('process_resident_memory_bytes', GAUGE, 'Resident memory size in bytes.', 1.4020608e7),
    simple('process_start_time_seconds', GAUGE, 'Start time of the process since unix epoch in seconds.', startSeconds),
    simple('process_virtual_memory_bytes', GAUGE, 'Virtual memory size in bytes.', 1.194991616e9),
    simple('process_virtual_memory_max_bytes', GAUGE, 'Maximum amount of virtual memory available in bytes.', 1.8446744073709552e19),
    simple(
      'pushgateway_build_info',
      GAUGE,
      "A metric with a constant '1' value labeled by version, revision, branch, goversion from which pushgateway was built, and the goos and goarch for the build.",
      1,
      [
        { name: 'branch', value: 'mock' },
        { name: 'goarch', value: 'amd64' },
        { name: 'goos', value: 'linux' },
        { name: 'goversion', value: GO_VERSION },
        { name: 'revision', value: 'pushgateway-workbench' },
        { name: 'version', value: '1.5.1' },
      ],
    ),
  ];
}

/** The gateway's own families: fixed ones, and the request metrics once they exist. */
export class SelfMetrics {
  private readonly fixed: ReadonlyMap<string, SelfFamily>;

  constructor(
    startSeconds: number,
    readonly requests: RequestMetrics = new RequestMetrics(),
  ) {
    this.fixed = new Map(buildSelfFamilies(startSeconds).map((self) => [self.family.name, self]));
  }

  /** The family as the consistency check sees it (request metrics without their series). */
  get(name: string): SelfFamily | undefined {
    const fixed = this.fixed.get(name);
    if (fixed !== undefined || !this.requests.exists(name)) {
      return fixed;
    }
    // Registered after start-up, so the store does not rewrite a pushed HELP to theirs.
    return { family: { name, help: REQUEST_FAMILY_HELP[name], type: REQUEST_FAMILY_TYPES[name], metrics: [] }, predefinedHelp: false };
  }

  /** Every family with its series, for GET /metrics. */
  families(): MetricFamily[] {
    return [...[...this.fixed.values()].map((self) => self.family), ...this.requests.families()];
  }
}
