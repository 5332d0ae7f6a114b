import { GatewayTreeProvider } from '../gatewayTreeProvider';

export function refreshExplorer(tree: GatewayTreeProvider): void {
  tree.refresh();
}
