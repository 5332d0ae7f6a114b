import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { hasErrors, lintExposition } from '../core/exposition/lint';
import { PushMethod } from '../core/gateway/client';
import { formatGroupingLabels } from '../core/groups/groupHealth';
import { checkGatewayUrl, GatewayConfig, normalizeGatewayUrl } from '../core/gateway/gatewayConfig';
import { GroupingKey } from '../core/protocol/groupingKey';
import { formatGroupingKeyText, lineOfGatewayError, parseGroupingKeyText } from '../core/protocol/groupingKeyText';
import { HeredocVariable, heredocVariables, resolveHeredocPush, resolveScriptUrl, urlVariables } from '../core/shell/heredocPush';
import { readsTheClock, suggestedValue } from '../core/shell/suggestedValues';
import { findDeleteCommands, findMetricHeredocs } from '../core/shell/heredocs';
import { deletingAllowed, waitUntilDeleted } from '../explorer/commands/deleteGroups';
import { readGatewayList } from '../explorer/gatewaySettings';
import { GroupDocuments } from '../explorer/commands/openGroupAsDocument';
import { ExplorerNode, GatewayTreeProvider } from '../explorer/gatewayTreeProvider';
import { UserPrompts } from '../explorer/prompts';
import { LintSettingsReader } from '../language/lintSettings';

/** What the push service needs from the rest of the extension. */
export interface PushServices {
  readonly state: vscode.Memento;
  /** The severities of pushgateway.lint.rules apply to the lint before a push too. */
  readonly lintSettings: LintSettingsReader;
  readonly tree: GatewayTreeProvider;
  readonly groupDocuments: GroupDocuments;
  /** Read at each use, so that host tests can answer the questions. */
  readonly prompts: () => UserPrompts;
  /** Gateways that are not in the settings, such as the running embedded mock. */
  readonly extraGateways: () => GatewayConfig[];
  /** Selects a group in the explorer; its node, or undefined when the gateway does not list it. */
  readonly revealGroup: (gatewayName: string, labels: Record<string, string>, options: { focus: boolean }) => Promise<ExplorerNode | undefined>;
}

function rememberedPushKey(document: vscode.TextDocument): string {
  return `pushgateway.push.${document.uri.toString()}`;
}

interface RememberedPush {
  readonly gatewayUrl: string;
  readonly key: string;
  readonly method: PushMethod;
}

/** What a push of some text from a document is about: where it came from, for messages and diagnostics. */
export interface PushSource {
  readonly document: vscode.TextDocument;
  readonly text: string;
  /** The document line of the text's first line (0 for a whole buffer). */
  readonly firstLine: number;
}

const MAX_LISTED_ERRORS = 5;
const HEREDOC_VALUES_KEY = 'pushgateway.heredocValues';

/**
 * Pushes exposition text from the editor: lint first (errors need "Push Anyway"), then the gateway,
 * grouping key and method (remembered per file), then the push; the outcome is shown, logged, and a
 * gateway 400 that names a line becomes a diagnostic there.
 */
export class PushService implements vscode.Disposable {
  private readonly output = vscode.window.createOutputChannel('Pushgateway Push');
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('pushgateway-push');

  constructor(private readonly services: PushServices) {}

  private get prompts(): UserPrompts {
    return this.services.prompts();
  }

  private get state(): vscode.Memento {
    return this.services.state;
  }

  async push(source: PushSource): Promise<boolean> {
    const body = source.text.endsWith('\n') ? source.text : `${source.text}\n`;
    if (!(await this.lintAllowsPush(body))) {
      return false;
    }
    const remembered = this.state.get<RememberedPush>(rememberedPushKey(source.document));
    const target = await this.askTarget(source.document, remembered, 'push to');
    if (!target) {
      return false;
    }
    const method = await this.prompts.pickMethod(remembered?.method);
    if (!method) {
      return false;
    }
    await this.state.update(rememberedPushKey(source.document), { gatewayUrl: target.gateway.url, key: formatGroupingKeyText(target.key), method } satisfies RememberedPush);
    return this.send(source, body, target.gateway, target.key, method, 'push');
  }

  /**
   * Deletes a group named by hand: gateway and grouping key asked as for a push (defaults: what the
   * document was last pushed to), then a confirmation.
   */
  async deleteGroupByKey(document: vscode.TextDocument | undefined): Promise<boolean> {
    if (!deletingAllowed()) {
      return false;
    }
    const remembered = document ? this.state.get<RememberedPush>(rememberedPushKey(document)) : undefined;
    const target = await this.askTarget(document, remembered, 'delete from');
    return target ? this.deleteGroup(target.gateway, target.key) : false;
  }

  /** Asks a gateway (configured or the running mock) and a grouping key; undefined when cancelled or there is no gateway. */
  private async askTarget(document: vscode.TextDocument | undefined, remembered: RememberedPush | undefined, action: string): Promise<{ gateway: GatewayConfig; key: GroupingKey } | undefined> {
    const gateways = this.listedGateways();
    if (gateways.length === 0) {
      void vscode.window.showWarningMessage(`No gateway to ${action}: add one, or start the mock gateway.`, 'Add Gateway', 'Start Mock Gateway').then((choice) => {
        if (choice) {
          void vscode.commands.executeCommand(choice === 'Add Gateway' ? 'pushgateway.addGateway' : 'pushgateway.startMock');
        }
      });
      return undefined;
    }
    const gateway = await this.prompts.pickGateway(gateways, remembered?.gatewayUrl);
    if (!gateway) {
      return undefined;
    }
    const fileJob = document ? path.basename(document.uri.path).replace(/\.[^.]*$/, '') : '';
    const keyText = await this.prompts.inputGroupingKey(remembered?.key ?? `job=${fileJob || 'job'}`, (text) => {
      const parsed = parseGroupingKeyText(text);
      return parsed.ok ? undefined : parsed.error;
    });
    const key = keyText === undefined ? undefined : parseGroupingKeyText(keyText);
    return key?.ok ? { gateway, key: key.value } : undefined;
  }

  private async lintAllowsPush(body: string): Promise<boolean> {
    const errors = lintExposition(body, { severities: this.services.lintSettings.settings.severities }).diagnostics.filter((d) => d.severity === 'error');
    if (!hasErrors(errors)) {
      return true;
    }
    const listed = errors.slice(0, MAX_LISTED_ERRORS).map((d) => `line ${d.span.line + 1}: ${d.message}`);
    const more = errors.length > MAX_LISTED_ERRORS ? `\n… and ${errors.length - MAX_LISTED_ERRORS} more` : '';
    return this.prompts.confirm(`The gateway will likely refuse this push: ${errors.length} error${errors.length === 1 ? '' : 's'}.`, `${listed.join('\n')}${more}`, 'Push Anyway');
  }

  /**
   * Pushes the heredoc of a shell script that spans `line`: its shell expansions are asked for (values
   * remembered per workspace), the URL gives gateway, grouping key and method; `mock` sends it to the
   * embedded mock instead, with the same grouping key, for a dry run. `orTheOnlyOne`: when no heredoc
   * spans `line`, the script's single pushed heredoc.
   */
  async pushHeredoc(document: vscode.TextDocument, line: number, mode: 'gateway' | 'mock', startMock: () => Promise<GatewayConfig | undefined>, options: { orTheOnlyOne?: boolean } = {}): Promise<boolean> {
    const pushed = findMetricHeredocs(document.getText()).filter((h) => h.push);
    const atLine = pushed.find((h) => h.operatorSpan.line <= line && line <= h.terminatorLine);
    const heredoc = atLine ?? (options.orTheOnlyOne && pushed.length === 1 ? pushed[0] : undefined);
    if (!heredoc) {
      void vscode.window.showInformationMessage('Put the cursor on a heredoc that is pushed with curl, wget or httpie to a /metrics/job/ URL.');
      return false;
    }
    const values = await this.askValues(heredocVariables(heredoc), document, heredoc.operatorSpan.line);
    if (!values) {
      return false;
    }
    const resolved = resolveHeredocPush(heredoc, values);
    if (!resolved.ok) {
      void vscode.window.showErrorMessage(`Cannot push this heredoc: ${resolved.error}`);
      return false;
    }
    if (!(await this.lintAllowsPush(resolved.value.body))) {
      return false;
    }
    const gateway = mode === 'mock' ? await startMock() : this.gatewayFor(resolved.value.baseUrl);
    if (!gateway) {
      return false;
    }
    return this.send({ document, text: resolved.value.body, firstLine: heredoc.bodyStartLine }, resolved.value.body, gateway, resolved.value.key, resolved.value.method, mode === 'mock' ? 'dry run' : 'push');
  }

  /** Deletes the group of the `curl -X DELETE .../metrics/job/...` command on `line`, after asking its values and a confirmation. */
  async deleteGroupFromScript(document: vscode.TextDocument, line: number): Promise<boolean> {
    if (!deletingAllowed()) {
      return false;
    }
    const command = findDeleteCommands(document.getText()).find((candidate) => candidate.line === line || candidate.urlSpan.line === line);
    if (!command) {
      void vscode.window.showInformationMessage('Put the cursor on a curl -X DELETE .../metrics/job/... command.');
      return false;
    }
    const values = await this.askValues(urlVariables(command.url), document, command.line);
    if (!values) {
      return false;
    }
    const target = resolveScriptUrl(command.url, values);
    if (!target.ok) {
      void vscode.window.showErrorMessage(`Cannot delete this group: ${target.error}`);
      return false;
    }
    const gateway = this.gatewayFor(target.value.baseUrl);
    return gateway ? this.deleteGroup(gateway, target.value.key) : false;
  }

  /** Deletes a group after a confirmation, and waits until the gateway no longer lists it. */
  /** Callers check deletingAllowed() before they ask anything. */
  private async deleteGroup(gateway: GatewayConfig, key: GroupingKey): Promise<boolean> {
    const where = `${formatGroupingLabels({ job: key.job, ...key.labels })} on ${gateway.name}`;
    if (!(await this.prompts.confirm(`Delete the group ${where}?`, 'All its metrics are removed from the gateway. This cannot be undone.', 'Delete'))) {
      return false;
    }
    const client = await this.services.tree.client(gateway);
    try {
      const deleted = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Deleting ${where}` }, async () => {
        const answer = await client.deleteGroup(key);
        if (answer.ok) {
          await waitUntilDeleted(client, [{ labels: { job: key.job, ...key.labels }, lastPushSuccessful: true, families: [] }]);
        }
        return answer;
      });
      this.output.appendLine(`${new Date().toISOString()} DELETE ${client.displayUrl} ${formatGroupingKeyText(key)} → ${deleted.ok ? 'accepted' : deleted.error.message}`);
      if (!deleted.ok) {
        void vscode.window.showErrorMessage(`Could not delete ${where}: ${deleted.error.message}`);
        return false;
      }
    } finally {
      await client.close();
    }
    this.services.tree.refresh();
    this.services.tree.announce({ kind: 'deleted', gatewayName: gateway.name });
    void vscode.window.showInformationMessage(`Deleted ${where}.`);
    return true;
  }

  /**
   * Asks the value of each expansion (remembered per workspace; else suggested from the script, the
   * clock or the host name); undefined when cancelled.
   */
  private async askValues(variables: readonly HeredocVariable[], document: vscode.TextDocument, pushLine: number): Promise<Record<string, string> | undefined> {
    const remembered = this.state.get<Record<string, string>>(HEREDOC_VALUES_KEY) ?? {};
    const values: Record<string, string> = {};
    const context = { nowSeconds: Date.now() / 1000, hostname: os.hostname() };
    for (const variable of variables) {
      const suggested = suggestedValue(variable, document.getText(), pushLine, context);
      const initial = readsTheClock(variable) ? suggested : (remembered[variable.key] ?? suggested);
      const value = await this.prompts.inputVariable(variable.text, initial);
      if (value === undefined) {
        return undefined;
      }
      values[variable.key] = value;
    }
    await this.state.update(HEREDOC_VALUES_KEY, { ...remembered, ...values });
    return values;
  }

  /** A configured gateway at that URL (so its credentials and TLS options apply), else the URL as it is. */
  private gatewayFor(baseUrl: string): GatewayConfig | undefined {
    const problem = checkGatewayUrl(baseUrl);
    if (problem) {
      void vscode.window.showErrorMessage(`Cannot push there: ${problem}`);
      return undefined;
    }
    const normalized = normalizeGatewayUrl(baseUrl);
    // Unlisted, the URL is kept as written: a user:password in it is how curl would authenticate.
    return this.listedGateways().find((gateway) => gateway.url === normalized) ?? { name: new URL(baseUrl).host, url: baseUrl.replace(/\/+$/, '') };
  }

  /** The gateways the explorer lists: the running mock and the configured ones. */
  private listedGateways(): GatewayConfig[] {
    return [...this.services.extraGateways(), ...readGatewayList().gateways];
  }



  private async send(source: PushSource, body: string, gateway: GatewayConfig, key: GroupingKey, method: PushMethod, kind: 'push' | 'dry run'): Promise<boolean> {
    const client = await this.services.tree.client(gateway);
    const where = `${formatGroupingLabels({ job: key.job, ...key.labels })} on ${gateway.name}`;
    let pushed: Awaited<ReturnType<typeof client.push>>;
    try {
      pushed = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Pushing to ${where}` }, () => client.push({ key, body, method }));
      this.output.appendLine(`${new Date().toISOString()} ${method} ${client.displayUrl} ${formatGroupingKeyText(key)} → ${pushed.ok ? 'accepted' : pushed.error.message}`);
    } finally {
      await client.close();
    }
    this.diagnostics.delete(source.document.uri);
    if (!pushed.ok) {
      this.showRefusal(source, pushed.error.body ?? pushed.error.message);
      void vscode.window.showErrorMessage(`${kind === 'dry run' ? 'Dry run: the mock refused the push' : 'Push refused'} to ${where}: ${pushed.error.message}`);
      return false;
    }
    this.services.tree.announce({ kind: 'pushed', gatewayName: gateway.name });
    const labels = { job: key.job, ...key.labels };
    if (kind === 'dry run') {
      // The mock's verdict and the group it now holds, side by side with the script.
      const node = await this.services.revealGroup(gateway.name, labels, { focus: false });
      if (node) {
        await this.services.groupDocuments.open(node, { beside: true });
      }
      const shown = node ? '; the group is shown beside' : '';
      void vscode.window.showInformationMessage(`Dry run: the mock accepted the ${method} to ${where}${shown}.`, 'Show Mock Log').then((choice) => {
        if (choice) {
          void vscode.commands.executeCommand('pushgateway.showMockLog');
        }
      });
      return true;
    }
    this.services.tree.refresh();
    const pushedUrl = normalizeGatewayUrl(gateway.url);
    if (!this.listedGateways().some((listed) => listed.url === pushedUrl)) {
      // A URL from a script that is not in the explorer: nothing there to reveal.
      void vscode.window.showInformationMessage(`Pushed to ${where} (a gateway the explorer does not list: add it with "Pushgateway: Add Gateway" to see its groups).`);
      return true;
    }
    void vscode.window.showInformationMessage(`Pushed to ${where}.`, 'Reveal in Explorer').then((choice) => {
      if (choice) {
        void this.services.revealGroup(gateway.name, labels, { focus: true });
      }
    });
    return true;
  }

  /** A 400 that names a line becomes a diagnostic on that line of the document. */
  private showRefusal(source: PushSource, gatewayText: string): void {
    const line = lineOfGatewayError(gatewayText);
    if (line === undefined) {
      return;
    }
    const documentLine = Math.min(source.firstLine + line, source.document.lineCount - 1);
    const diagnostic = new vscode.Diagnostic(source.document.lineAt(documentLine).range, `The Pushgateway refused the push: ${gatewayText.trim()}`, vscode.DiagnosticSeverity.Error);
    diagnostic.source = 'pushgateway-push';
    this.diagnostics.set(source.document.uri, [diagnostic]);
  }

  dispose(): void {
    this.output.dispose();
    this.diagnostics.dispose();

  }
}
