import { UserPrompts } from '../../ui/prompts';
import { GatewayTreeProvider } from '../gatewayTreeProvider';

/** Chooses the order of groups: those needing attention first, or by name. */
export async function sortGroups(tree: GatewayTreeProvider, prompts: UserPrompts): Promise<void> {
  const order = await prompts.pickGroupOrder();
  if (order) {
    tree.setOrder(order);
  }
}
