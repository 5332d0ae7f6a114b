import * as vscode from 'vscode';
import { GatewayConfig } from '../core/gateway/gatewayConfig';
import { resolveScriptUrl, urlVariables } from '../core/shell/heredocPush';
import { findDeleteCommands, findMetricHeredocs, MetricHeredoc, ScriptLex } from '../core/shell/heredocs';
import { documentLineLabel } from '../core/protocol/documentLines';
import { lintShellScript, ShellScriptLint } from '../core/shell/lintShellScript';
import { ScriptSite, scriptSites } from '../core/shell/tree/scriptSites';
import { canPushSite, sitePushOf } from '../core/shell/tree/sitePush';
import { GroupDocuments } from '../explorer/commands/openGroupAsDocument';
import { confirmAndDeleteGroups, DeleteTarget } from '../gateways/deleteGroupsFlow';
import { GatewayService } from '../gateways/gatewayService';
import { LintService } from '../language/lintService';
import { LintSettingsReader } from '../language/lintSettings';
import { LintTargets } from '../language/lintTargets';
import { UserPrompts, userPrompts } from '../ui/prompts';
import { lintAllowsPush } from './lintGate';
import { askTarget, RememberedPushes } from './pushTarget';
import { askScriptValues, errorsWhateverTheValues } from './scriptValues';
import { PushSender, PushSource, RevealGroup } from './sendPush';

export type { PushSource } from './sendPush';

/** What the push service needs from the rest of the extension. */
export interface PushServices {
  readonly state: vscode.Memento;
  /** The severities of pushgateway.lint.rules apply to the lint before a push too. */
  readonly lintSettings: LintSettingsReader;
  /** A pushed buffer is linted for its gateway from then on; the lint before a push follows the gateway too. */
  readonly lintTargets: LintTargets;
  /** A script's push and delete sites, as its CodeLens shows them, and its lint, as the editor shows it. */
  readonly lint: LintService;
  readonly gateways: GatewayService;
  readonly groupDocuments: GroupDocuments;
  readonly revealGroup: RevealGroup;
}

/**
 * Pushes and deletes from the editor. A push: lint first (errors need "Push Anyway"), then the gateway,
 * grouping key and method (remembered per file), then the push and its report. A script's heredoc
 * or `curl -X DELETE` gets its shell expansions asked for, and its URL gives gateway and key.
 */
export class PushService implements vscode.Disposable {
  private readonly sender: PushSender;
  private readonly remembered: RememberedPushes;

  constructor(private readonly services: PushServices) {
    this.sender = new PushSender(services.gateways, services.groupDocuments, services.revealGroup);
    this.remembered = new RememberedPushes(services.state);
  }

  private get prompts(): UserPrompts {
    return userPrompts();
  }

  private get gateways(): GatewayService {
    return this.services.gateways;
  }

  /** Pushes exposition text of a document (all of it, or the selected lines): gateway, key and method first, then the lint for that gateway. */
  async push(source: PushSource): Promise<boolean> {
    const body = source.text.endsWith('\n') ? source.text : `${source.text}\n`;
    const remembered = this.remembered.get(source.document);
    const target = await askTarget(this.gateways, this.prompts, source.document, remembered, 'push to');
    if (!target) {
      return false;
    }
    const method = await this.prompts.pickMethod(remembered?.method);
    if (!method) {
      return false;
    }
    // Linted for the gateway chosen: what it accepts depends on its version and switches.
    if (!(await this.lintAllows(body, source.document, source.firstLine, target.gateway))) {
      return false;
    }
    await this.remembered.remember(source.document, target, method);
    return this.sender.send(source, { body, ...target, method, kind: 'push' });
  }

  /**
   * Deletes a group named by hand: gateway and grouping key asked as for a push (defaults: what the
   * document was last pushed to), then a confirmation.
   */
  async deleteGroupByKey(document: vscode.TextDocument | undefined): Promise<boolean> {
    if (!this.gateways.deletingAllowed()) {
      return false;
    }
    const target = await askTarget(this.gateways, this.prompts, document, this.remembered.get(document), 'delete from');
    return target ? this.deleteGroup(target) : false;
  }

  /**
   * Pushes the push site of a shell script at `line` (a heredoc, an echo or printf body...: the sites
   * `pgw pushes` lists): its shell expansions are asked for (once per workspace), the URL gives
   * gateway, grouping key and method; `mock` sends it to the embedded mock instead, with the same
   * grouping key, for a dry run. `orTheOnlyOne`: when no site is at `line`, the script's single one.
   */
  async pushHeredoc(
    document: vscode.TextDocument,
    line: number,
    mode: 'gateway' | 'mock',
    startMock: () => Promise<GatewayConfig | undefined>,
    options: { orTheOnlyOne?: boolean } = {},
  ): Promise<boolean> {
    const pushable = this.sitesOf(document).filter(canPushSite);
    const site = siteAt(pushable, line) ?? (options.orTheOnlyOne && pushable.length === 1 ? pushable[0] : undefined);
    const push = site && sitePushOf(site, document.getText());
    if (!site || !push) {
      void this.prompts.notify('info', 'Put the cursor on a push to a /metrics/job/ URL: a heredoc, echo or printf body sent with curl, wget or httpie.');
      return false;
    }
    // Lint first only for a heredoc: its errors can be told apart from what the values will fill in.
    const lintFirst = site.heredoc ? await this.lintBeforeValues(document, site.heredoc) : 'clean';
    if (lintFirst === 'cancelled') {
      return false;
    }
    const values = await askScriptValues(this.services.state, this.prompts, push.variables, document, site.heredoc?.operatorSpan.line ?? site.line);
    if (!values) {
      return false;
    }
    const resolved = push.resolve(values);
    if (!resolved.ok) {
      void this.prompts.notify('error', `Cannot push this ${site.body?.source === 'heredoc' ? 'heredoc' : 'body'}: ${resolved.error}`);
      return false;
    }
    const { body, baseUrl, key, method } = resolved.value;
    const gateway = mode === 'mock' ? await startMock() : this.scriptGateway(baseUrl, 'push');
    if (!gateway) {
      return false;
    }
    if (!(await this.lintAllows(body, document, push.bodyStartLine, gateway, lintFirst === 'pushAnyway'))) {
      return false;
    }
    return this.sender.send({ document, text: body, firstLine: push.bodyStartLine }, { body, gateway, key, method, kind: mode === 'mock' ? 'dry run' : 'push' });
  }

  /** Deletes the group of the `curl -X DELETE .../metrics/job/...` command on `line`, after asking its values and a confirmation. */
  async deleteGroupFromScript(document: vscode.TextDocument, line: number): Promise<boolean> {
    if (!this.gateways.deletingAllowed()) {
      return false;
    }
    const command = this.sitesOf(document).find((candidate) => candidate.action === 'delete' && (candidate.line === line || candidate.urlSpan.line === line));
    if (!command) {
      void this.prompts.notify('info', 'Put the cursor on a curl -X DELETE .../metrics/job/... command.');
      return false;
    }
    const values = await askScriptValues(this.services.state, this.prompts, urlVariables(command.url), document, command.line);
    if (!values) {
      return false;
    }
    const target = resolveScriptUrl(command.url, values);
    if (!target.ok) {
      void this.prompts.notify('error', `Cannot delete this group: ${target.error}`);
      return false;
    }
    const gateway = this.scriptGateway(target.value.baseUrl, 'delete');
    return gateway ? this.deleteGroup({ gateway, key: target.value.key }) : false;
  }

  /** The script's push and delete sites as its CodeLens shows them; the heredoc finder's for a document the shell lint does not cover. */
  private sitesOf(document: vscode.TextDocument): readonly ScriptSite[] {
    const linted = this.services.lint.shellScript(document);
    if (linted) {
      return linted.sites;
    }
    const script = new ScriptLex(document.getText());
    return scriptSites(undefined, findMetricHeredocs(script), findDeleteCommands(script));
  }

  /** Asks again every value the script's pushes and deletes use (they are asked once per workspace otherwise). */
  async changeScriptValues(document: vscode.TextDocument): Promise<boolean> {
    const script = new ScriptLex(document.getText());
    const all = this.sitesOf(document).flatMap((site) => (site.action === 'delete' ? urlVariables(site.url) : (sitePushOf(site, script)?.variables ?? [])));
    const variables = all.filter((variable, index) => all.findIndex((other) => other.key === variable.key) === index);
    if (!variables.length) {
      void this.prompts.notify('info', 'This script pushes or deletes with no shell values to ask.');
      return false;
    }
    return (await askScriptValues(this.services.state, this.prompts, variables, document, document.lineCount - 1, { askAgain: true })) !== undefined;
  }

  /**
   * Lint first: errors no shell value can fix ask "Push Anyway" before any value is asked, on the
   * script's lines and for the target the editor lints the script for. 'pushAnyway': asked and
   * accepted, so the lint after the values does not ask again.
   */
  private async lintBeforeValues(document: vscode.TextDocument, heredoc: MetricHeredoc): Promise<'clean' | 'pushAnyway' | 'cancelled'> {
    const errors = errorsWhateverTheValues(this.scriptLintOf(document), heredoc);
    if (errors.length === 0) {
      return 'clean';
    }
    const listed = errors.slice(0, 5).map((error) => `${documentLineLabel(error.span.line, 0)}: ${error.message}`);
    const more = errors.length > listed.length ? `\n… and ${errors.length - listed.length} more` : '';
    const question = `The gateway will likely refuse this push: ${errors.length} error${errors.length === 1 ? '' : 's'}.`;
    return (await this.prompts.confirm(question, `${listed.join('\n')}${more}`, 'Push Anyway')) ? 'pushAnyway' : 'cancelled';
  }

  /** The script's lint the editor shows for this version; linted here only for a document the editor does not lint as a script. */
  private scriptLintOf(document: vscode.TextDocument): ShellScriptLint {
    return (
      this.services.lint.shellScript(document)?.lint ??
      lintShellScript(document.getText(), { severities: this.services.lintSettings.settings.severities, target: this.services.lintTargets.forDocument(document) })
    );
  }

  /** The lint before a push, for the gateway's target (not asked again when `accepted`: "Push Anyway" was picked already); the document follows that gateway's target from now on. */
  private async lintAllows(body: string, document: vscode.TextDocument, firstLine: number, gateway: GatewayConfig, accepted = false): Promise<boolean> {
    const target = await this.services.lintTargets.follow(document, gateway);
    return accepted || lintAllowsPush(body, this.services.lintSettings.settings.severities, target, this.prompts, firstLine);
  }

  private deleteGroup(target: DeleteTarget): Promise<boolean> {
    return confirmAndDeleteGroups(this.gateways, this.prompts, [target], { progressLocation: vscode.ProgressLocation.Notification, reportSuccess: true });
  }

  /** The gateway a script's URL names; undefined (the user is told why) when the URL is not usable. */
  private scriptGateway(baseUrl: string, verb: 'push' | 'delete'): GatewayConfig | undefined {
    const gateway = this.gateways.gatewayFor(baseUrl);
    if (!gateway.ok) {
      void this.prompts.notify('error', `Cannot ${verb} there: ${gateway.error}`);
      return undefined;
    }
    return gateway.value;
  }

  dispose(): void {
    this.sender.dispose();
  }
}

/** The site whose command spans `line`, else whose heredoc (from `<<` to its end) does, else whose body does. */
function siteAt(sites: readonly ScriptSite[], line: number): ScriptSite | undefined {
  return (
    sites.find((site) => site.line <= line && line <= site.endLine) ??
    sites.find((site) => site.heredoc && site.heredoc.operatorSpan.line <= line && line <= site.heredoc.terminatorLine) ??
    sites.find((site) => site.body && site.body.startLine <= line && line <= site.body.endLine)
  );
}
