// The mock Pushgateway: start one with startMockGateway; the store and the request log are
// reachable from the returned handle. This file is the only way in from outside the folder
// (ESLint enforces it); the rest is the implementation, by stage: http/ reads requests and answers
// them, body/ decodes push bodies, store/ holds and checks the groups (and persists them),
// output/ writes /metrics and the JSON API.
export { DEFAULT_BODY_LIMIT, startMockGateway } from './server';
export type { MockGateway, MockGatewayOptions } from './server';
export { DEFAULT_LOG_CAPACITY, DEFAULT_LOG_MAX_BYTES, PushLog } from './http/pushLog';
export type { PushLogEntry } from './http/pushLog';
export { MockStore, PUSH_FAILURE_TIME_FAMILY, PUSH_TIME_FAMILY } from './store/store';
export type { Group, PushOutcome, PushRequest } from './store/store';
export type { GroupingLabels } from './store/sanitize';
export { PersistenceError } from './store/persistenceFormat';
export type { MetricFamily, Metric, LabelPair } from './model';
export { MOCK_BOUND_DEFAULTS, parseMockBounds } from './bounds';
export type { MockBounds, RawMockBounds } from './bounds';
export { MOCK_BOUND_FLAGS } from './http/boundHints';
