import * as vscode from 'vscode';
import { PushService } from '../pushService';

/** Deletes a group named by gateway and grouping key, offering what the active file was last pushed to. */
export function deleteGroupByKey(push: PushService): Promise<boolean> {
  return push.deleteGroupByKey(vscode.window.activeTextEditor?.document);
}
