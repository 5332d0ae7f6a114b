import { groupLabelsId } from '../protocol/groupingKey';
import { GatewayClient } from './client';

/** How long the gateway may take to apply a DELETE it answered 202 to, by default. */
const DELETE_APPLIED_WITHIN_MS = 2000;
const DELETE_POLL_MS = 100;

/**
 * The gateway applies a DELETE a moment after answering 202: waits until no group of these label
 * sets (job included) is listed any more, `withinMs` at most, or the groups cannot be read.
 */
export async function waitUntilGone(client: GatewayClient, labelSets: ReadonlyArray<Readonly<Record<string, string>>>, withinMs = DELETE_APPLIED_WITHIN_MS): Promise<void> {
  const ids = new Set(labelSets.map((labels) => groupLabelsId(labels)));
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    const listed = await client.groups();
    if (!listed.ok || !listed.value.some((group) => ids.has(groupLabelsId(group.labels)))) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, DELETE_POLL_MS));
  }
}
