import * as vscode from 'vscode';

/** The questions the explorer asks the user; replaceable so that host tests can answer them. */
export interface UserPrompts {
  /** A modal confirmation; resolves true only when the user picked `action`. */
  confirm(message: string, detail: string, action: string): Promise<boolean>;
}

export const windowPrompts: UserPrompts = {
  async confirm(message, detail, action) {
    return (await vscode.window.showWarningMessage(message, { modal: true, detail }, action)) === action;
  },
};
