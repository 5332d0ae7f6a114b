import * as vscode from 'vscode';
import { GatewayConfig } from '../core/gateway/gatewayConfig';
import { PushMethod } from '../core/protocol/pushMethod';
import { GroupOrder } from '../core/groups/groupHealth';

const PUSH_TARGET_TITLE = 'Push to which gateway?';

/** The questions the extension asks the user; replaceable so that host tests can answer them. */
export interface UserPrompts {
  /** A modal confirmation; resolves true only when the user picked `action`. */
  confirm(message: string, detail: string, action: string): Promise<boolean>;
  /** A modal error: for a failure the user must not miss (nothing was done). */
  alert(message: string, detail: string): Promise<void>;
  /** Which gateway to act on (by default: to push to), the one at the `remembered` URL first; undefined when cancelled. */
  pickGateway(gateways: readonly GatewayConfig[], remembered?: string, title?: string): Promise<GatewayConfig | undefined>;
  /** The grouping key as text (`job=x,instance=y`); `validate` says what is wrong with a text. */
  inputGroupingKey(initial: string, validate: (text: string) => string | undefined): Promise<string | undefined>;
  pickMethod(remembered?: PushMethod): Promise<PushMethod | undefined>;
  /** Which kind of credentials to store for a gateway, or to remove them. */
  pickCredentialKind(gatewayName: string): Promise<'basic' | 'bearer' | 'clear' | undefined>;
  /** One credential field; `secret` hides what is typed. */
  inputCredential(title: string, secret: boolean): Promise<string | undefined>;
  /** The value a shell expansion stands for in a push (`$SIZE`, `$(hostname)`); `initial`: remembered or suggested. */
  inputVariable(text: string, initial?: string): Promise<string | undefined>;
  /** The base URL of a gateway to add (or edit: `initial`, `title`); `validate` says what is wrong with a text. */
  inputGatewayUrl(validate: (text: string) => string | undefined, initial?: string, title?: string): Promise<string | undefined>;
  /** The name the explorer shows for a gateway being added (or edited: `title`). */
  inputGatewayName(initial: string, validate: (text: string) => string | undefined, title?: string): Promise<string | undefined>;
  /** The text groups must contain to be shown ('' shows all). */
  inputGroupFilter(current: string): Promise<string | undefined>;
  /** The order of the groups under a gateway. */
  pickGroupOrder(): Promise<GroupOrder | undefined>;
  /** Clean Up Groups (1/2): how old a group must be to go, e.g. `7d` ('' for any age). */
  inputCleanupAge(initial: string, validate: (text: string) => string | undefined): Promise<string | undefined>;
  /** Clean Up Groups (2/2): the label selector a group must match, e.g. `job=~"tmp_.*"` ('' for any). */
  inputCleanupSelector(validate: (text: string) => string | undefined, initial?: string): Promise<string | undefined>;
  /** The groups that would go, every one ticked; resolves to those left ticked, undefined when cancelled. */
  pickGroupsToDelete<T extends CleanupPickItem>(items: readonly T[], title: string): Promise<T[] | undefined>;
  /** The workspace folder (a relative path) to write alert rule files into. */
  inputRulesFolder(initial: string, validate: (text: string) => string | undefined): Promise<string | undefined>;
  /** A notification, with buttons when `actions` are given; resolves to the action picked, if any. */
  notify(severity: NotificationSeverity, message: string, ...actions: string[]): Promise<string | undefined>;
}

/** One line of the clean-up preview: the group's key and how old it is. */
export interface CleanupPickItem {
  readonly label: string;
  readonly description: string;
}

export type NotificationSeverity = 'info' | 'warning' | 'error';

export const windowPrompts: UserPrompts = {
  async confirm(message, detail, action) {
    return (await vscode.window.showWarningMessage(message, { modal: true, detail }, action)) === action;
  },
  async alert(message, detail) {
    await vscode.window.showErrorMessage(message, { modal: true, detail });
  },
  async pickGateway(gateways, remembered, title = PUSH_TARGET_TITLE) {
    const items = gateways.map((gateway) => ({ label: gateway.name, description: gateway.url, gateway, picked: gateway.url === remembered }));
    items.sort((a, b) => Number(b.picked) - Number(a.picked));
    return (await vscode.window.showQuickPick(items, { title }))?.gateway;
  },
  inputGroupingKey(initial, validate) {
    return Promise.resolve(
      vscode.window.showInputBox({ title: 'Grouping key', prompt: 'job=<name>, then any grouping labels: job=backup_db,instance=db1', value: initial, ignoreFocusOut: true, validateInput: validate }),
    );
  },
  async pickMethod(remembered) {
    const items = [
      { label: 'PUT', description: 'replace the whole group (curl -X PUT, push_to_gateway)', method: 'PUT' as PushMethod },
      { label: 'POST', description: 'replace only the pushed metric families (curl --data-binary)', method: 'POST' as PushMethod },
    ];
    items.sort((a, b) => Number(b.method === remembered) - Number(a.method === remembered));
    return (await vscode.window.showQuickPick(items, { title: 'Push method' }))?.method;
  },
  async pickCredentialKind(gatewayName) {
    const items = [
      { label: 'Basic authentication', description: 'user and password', credential: 'basic' as const },
      { label: 'Bearer token', credential: 'bearer' as const },
      { label: 'Remove stored credentials', credential: 'clear' as const },
    ];
    return (await vscode.window.showQuickPick(items, { title: `Credentials for ${gatewayName}` }))?.credential;
  },
  inputVariable(text, initial) {
    return Promise.resolve(
      vscode.window.showInputBox({ title: `Value for ${text}`, prompt: `What ${text} holds when the script runs (remembered for this workspace)`, value: initial, ignoreFocusOut: true }),
    );
  },
  inputCredential(title, secret) {
    return Promise.resolve(vscode.window.showInputBox({ title, password: secret, ignoreFocusOut: true, validateInput: (text) => (text === '' ? 'Required' : undefined) }));
  },
  inputGatewayUrl(validate, initial, title = 'Add Gateway (1/2)') {
    return Promise.resolve(
      vscode.window.showInputBox({ title, prompt: 'Base URL of the Pushgateway', placeHolder: 'http://pushgateway:9091', value: initial, ignoreFocusOut: true, validateInput: validate }),
    );
  },
  inputGatewayName(initial, validate, title = 'Add Gateway (2/2)') {
    return Promise.resolve(vscode.window.showInputBox({ title, prompt: 'A short name for the explorer', value: initial, ignoreFocusOut: true, validateInput: validate }));
  },
  inputGroupFilter(current) {
    return Promise.resolve(
      vscode.window.showInputBox({ title: 'Filter Groups', prompt: 'Show groups whose labels or metric names contain this text (empty: show all)', value: current, placeHolder: 'backup' }),
    );
  },
  async pickGroupOrder() {
    const items = [
      { label: 'Failed and stale first', order: 'attention' as GroupOrder },
      { label: 'By name', order: 'name' as GroupOrder },
    ];
    return (await vscode.window.showQuickPick(items, { title: 'Sort Groups' }))?.order;
  },
  inputCleanupAge(initial, validate) {
    return Promise.resolve(
      vscode.window.showInputBox({
        title: 'Clean Up Groups (1/2): older than',
        prompt: 'Groups whose last success (or last push) is older than this: 7d, 25h, 90m. Empty: any age (then give a selector)',
        value: initial,
        ignoreFocusOut: true,
        validateInput: validate,
      }),
    );
  },
  inputRulesFolder(initial, validate) {
    return Promise.resolve(
      vscode.window.showInputBox({
        title: 'Create Alert Rules',
        prompt: 'Folder of the workspace to write the rule file and its promtool test into',
        value: initial,
        ignoreFocusOut: true,
        validateInput: validate,
      }),
    );
  },
  inputCleanupSelector(validate, initial) {
    return Promise.resolve(
      vscode.window.showInputBox({
        title: 'Clean Up Groups (2/2): matching',
        value: initial,
        prompt: 'A label selector the groups must match, as in PromQL. Empty: any group',
        placeHolder: '{job=~"tmp_.*", instance!=""}',
        ignoreFocusOut: true,
        validateInput: validate,
      }),
    );
  },
  async pickGroupsToDelete(items, title) {
    const picked = await vscode.window.showQuickPick(
      items.map((item) => ({ label: item.label, description: item.description, picked: true, item })),
      { title, canPickMany: true, ignoreFocusOut: true, placeHolder: 'Untick the groups to keep' },
    );
    return picked?.map((entry) => entry.item);
  },
  notify(severity, message, ...actions) {
    const show = { info: vscode.window.showInformationMessage, warning: vscode.window.showWarningMessage, error: vscode.window.showErrorMessage }[severity];
    return Promise.resolve(show(message, ...actions));
  },
};

let current: UserPrompts = windowPrompts;

/**
 * The one way to the user: every question and message of the extension goes through the prompts
 * returned here, which host tests replace (setUserPrompts) to answer questions and read messages.
 */
export function userPrompts(): UserPrompts {
  return current;
}

/** Answers the given questions instead of the dialogs (the others still ask); undefined restores them all. */
export function setUserPrompts(replacement: Partial<UserPrompts> | undefined): void {
  current = { ...windowPrompts, ...replacement };
}
