// The mock Pushgateway: start one with startMockGateway; the store and the request log are
// reachable from the returned handle. Everything else in this folder is its implementation.
export { DEFAULT_BODY_LIMIT, startMockGateway } from './server';
export type { MockGateway, MockGatewayOptions } from './server';
export { DEFAULT_LOG_CAPACITY, PushLog } from './http/pushLog';
export type { PushLogEntry } from './http/pushLog';
export { MockStore, PUSH_FAILURE_TIME_FAMILY, PUSH_TIME_FAMILY } from './store/store';
export type { Group, PushOutcome, PushRequest } from './store/store';
export type { GroupingLabels } from './store/sanitize';
export type { MetricFamily, Metric, LabelPair } from './model';
