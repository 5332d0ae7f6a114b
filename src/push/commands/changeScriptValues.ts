import * as vscode from 'vscode';
import { PushService } from '../pushService';
import { userPrompts } from '../../ui/prompts';

/** Asks again the shell values of the shown script's pushes and deletes, which are otherwise asked once per workspace. */
export async function changeScriptValues(push: PushService): Promise<boolean> {
  const document = vscode.window.activeTextEditor?.document;
  if (!document) {
    void userPrompts().notify('info', 'Open the shell script whose values you want to change.');
    return false;
  }
  return push.changeScriptValues(document);
}
