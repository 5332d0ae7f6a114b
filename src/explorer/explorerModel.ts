import { GroupAssessment } from '../core/groups/groupHealth';
import { GatewayError, GatewayStatus } from '../core/gateway/client';
import { GatewayFamily, GatewayGroup, GatewayMetric } from '../core/gateway/groups';
import { GatewayConfig } from '../core/gateway/gatewayConfig';

/** A node of the "Gateways" view: gateway → groups → families → samples, or a message in their place. */
export type ExplorerNode =
  | { readonly kind: 'settingsProblem'; readonly message: string }
  | { readonly kind: 'gateway'; readonly gateway: GatewayConfig }
  | { readonly kind: 'gatewayError'; readonly gateway: GatewayConfig; readonly error: GatewayError }
  | { readonly kind: 'message'; readonly gateway: GatewayConfig; readonly message: string }
  | { readonly kind: 'group'; readonly gateway: GatewayConfig; readonly group: GatewayGroup; readonly assessment: GroupAssessment }
  | { readonly kind: 'family'; readonly parent: GroupNode; readonly gateway: GatewayConfig; readonly group: GatewayGroup; readonly family: GatewayFamily }
  | { readonly kind: 'sample'; readonly parent: FamilyNode; readonly family: GatewayFamily; readonly metric: GatewayMetric };

export type GroupNode = Extract<ExplorerNode, { kind: 'group' }>;
export type FamilyNode = Extract<ExplorerNode, { kind: 'family' }>;

/** What one refresh read from a gateway: one `/api/v1/metrics` (and status) request, not one per group. */
export type GatewaySnapshot =
  { readonly ok: true; readonly groups: readonly GatewayGroup[]; readonly status?: GatewayStatus; readonly fetchedAt: number } | { readonly ok: false; readonly error: GatewayError };
