import * as vscode from 'vscode';
import { userPrompts } from '../../ui/prompts';

/** Shipped in the .vsix (see .vscodeignore): the demo's log-cleanup script with its deliberate mistakes. */
const SAMPLE_PATH = ['samples', 'scripts', 'clean_logs.sh'];

/** Opens the walkthrough's sample script as an untitled copy, so the user's edits never touch the extension. */
export async function openWalkthroughSample(extensionUri: vscode.Uri): Promise<void> {
  let content: string;
  try {
    content = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, ...SAMPLE_PATH)));
  } catch (error) {
    void userPrompts().notify('error', `The sample script is missing from the extension: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  const document = await vscode.workspace.openTextDocument({ language: 'shellscript', content });
  await vscode.window.showTextDocument(document);
}
