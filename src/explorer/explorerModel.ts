import { GroupAssessment } from '../core/groups/groupHealth';
import { GatewayError, GatewayStatus } from '../core/gateway/client';
import { GatewayFamily, GatewayGroup, GatewayMetric } from '../core/gateway/groups';
import { GatewayConfig } from '../core/gateway/gatewayConfig';
import { FailureTrend, GatewayHealthReading } from '../core/gateway/gatewayHealth';
import { GroupPileUp } from '../core/groups/pileUps';

/** A node of the "Gateways" view: gateway → groups → families → samples, or a message in their place. */
export type ExplorerNode =
  | { readonly kind: 'settingsProblem'; readonly message: string }
  | { readonly kind: 'gateway'; readonly gateway: GatewayConfig }
  | { readonly kind: 'gatewayError'; readonly gateway: GatewayConfig; readonly error: GatewayError }
  | { readonly kind: 'message'; readonly gateway: GatewayConfig; readonly message: string }
  | { readonly kind: 'pileUp'; readonly gateway: GatewayConfig; readonly pileUp: GroupPileUp }
  | { readonly kind: 'group'; readonly gateway: GatewayConfig; readonly group: GatewayGroup; readonly assessment: GroupAssessment }
  | { readonly kind: 'family'; readonly parent: GroupNode; readonly gateway: GatewayConfig; readonly group: GatewayGroup; readonly family: GatewayFamily }
  | { readonly kind: 'sample'; readonly parent: FamilyNode; readonly family: GatewayFamily; readonly metric: GatewayMetric };

export type GroupNode = Extract<ExplorerNode, { kind: 'group' }>;
export type FamilyNode = Extract<ExplorerNode, { kind: 'family' }>;

export type PileUpNode = Extract<ExplorerNode, { kind: 'pileUp' }>;

/**
 * What one refresh read from a gateway: one `/api/v1/metrics` (and status) request, not one per
 * group, and its health: `/-/healthy`, `/-/ready` and the few lines of its own `/metrics` it needs.
 */
export type GatewaySnapshot =
  | {
      readonly ok: true;
      readonly groups: readonly GatewayGroup[];
      readonly status?: GatewayStatus;
      readonly fetchedAt: number;
      readonly health?: GatewayHealthReading;
      /** Failed requests, as a rate since the previous read of this gateway. */
      readonly failures?: FailureTrend;
    }
  | { readonly ok: false; readonly error: GatewayError };
