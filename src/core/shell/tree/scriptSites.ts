import { GroupingKey } from '../../protocol/groupingKey';
import { DeleteCommand, MetricHeredoc } from '../heredocs';
import { ShellSpan } from '../types';
import { SiteBody, TreePushSite } from './pushSites';

// The one list of a script's push and delete sites, for `pgw pushes` and the editor's CodeLens,
// dry run and push: the tree finder's sites, plus what the heredoc finder sees that the tree missed
// (tree-sitter-bash gives an ERROR for some valid heredoc lines, e.g. `cat <<EOF 2>/dev/null | curl
// ...`). Without tree sites (the parser not loaded), the heredoc finder's sites alone.

export interface ScriptSite {
  readonly action: 'push' | 'delete';
  /** 0-based: the line of the command that sends or deletes, and the statement's last line (heredoc body included). */
  readonly line: number;
  readonly endLine: number;
  readonly method: 'PUT' | 'POST' | 'DELETE' | null;
  /** As written, quotes removed and expansions kept. */
  readonly url: string;
  readonly urlSpan: ShellSpan;
  readonly urlIsLiteral: boolean;
  readonly groupingKey: GroupingKey | null;
  readonly body: SiteBody | null;
  /** The heredoc finder's pushed heredoc sent by this command, when it found one. */
  readonly heredoc?: MetricHeredoc;
  /** The tree finder's site, when it found this one. */
  readonly tree?: TreePushSite;
}

/** Every push and delete site of a script, in line order; `heredocs` and `deletes` are the heredoc finder's (`findMetricHeredocs`, `findDeleteCommands`). */
export function scriptSites(treeSites: readonly TreePushSite[] | undefined, heredocs: readonly MetricHeredoc[], deletes: readonly DeleteCommand[]): ScriptSite[] {
  const pushedHeredocs = new Map<number, MetricHeredoc>();
  for (const heredoc of heredocs) {
    if (heredoc.push && !pushedHeredocs.has(heredoc.push.urlSpan.line)) {
      pushedHeredocs.set(heredoc.push.urlSpan.line, heredoc);
    }
  }
  const sites: ScriptSite[] = (treeSites ?? []).map((site) => {
    const heredoc = site.action === 'push' && site.body?.source === 'heredoc' ? pushedHeredocs.get(site.urlSpan.line) : undefined;
    return {
      action: site.action,
      line: site.line,
      endLine: site.endLine,
      method: site.method,
      url: site.url,
      urlSpan: site.urlSpan,
      urlIsLiteral: site.urlIsLiteral,
      groupingKey: site.groupingKey,
      body: site.body,
      tree: site,
      ...(heredoc && { heredoc }),
    };
  });
  const urlLines = new Set((treeSites ?? []).map((site) => site.urlSpan.line));
  for (const heredoc of heredocs) {
    const push = heredoc.push;
    if (push && !urlLines.has(push.urlSpan.line)) {
      sites.push({
        action: 'push',
        line: push.urlSpan.line,
        endLine: Math.max(push.urlSpan.line, heredoc.terminatorLine),
        method: push.method,
        url: push.url,
        urlSpan: push.urlSpan,
        urlIsLiteral: push.urlIsLiteral,
        groupingKey: push.groupingKey ?? null,
        body: { source: 'heredoc', startLine: heredoc.bodyStartLine, endLine: Math.max(heredoc.bodyStartLine, heredoc.terminatorLine - 1), known: true },
        heredoc,
      });
    }
  }
  for (const deletion of deletes) {
    if (!urlLines.has(deletion.urlSpan.line)) {
      sites.push({
        action: 'delete',
        line: deletion.line,
        endLine: deletion.line,
        method: 'DELETE',
        url: deletion.url,
        urlSpan: deletion.urlSpan,
        urlIsLiteral: deletion.urlIsLiteral,
        groupingKey: deletion.groupingKey ?? null,
        body: null,
      });
    }
  }
  return sites.sort((a, b) => a.line - b.line);
}
