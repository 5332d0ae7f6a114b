// One entry for both client languages: the grammar a file needs, and its analysis.
import { kindByName } from '../files/fileKind';
import { TreeParser } from '../shell/tree/shellParser';
import { ClientAnalysis, ClientLanguage } from './clientSite';
import { analyseWith, ClientReader, mentionsClient } from './codeTree';
import { GO_CLIENT } from './go';
import { PYTHON_CLIENT } from './python';

const READERS: Readonly<Record<ClientLanguage, ClientReader>> = { python: PYTHON_CLIENT, go: GO_CLIENT };

/** The client language of an editor document, by language id or else by file name (a host without a Python or Go extension still names them .py/.go). */
export function clientLanguageOf(languageId: string, fileName: string): ClientLanguage | undefined {
  if (languageId === 'python' || languageId === 'go') {
    return languageId;
  }
  const kind = kindByName(fileName);
  return kind === 'python' || kind === 'go' ? kind : undefined;
}

/** Whether the file may use its language's Prometheus client: a file that does not is never parsed (nor its grammar loaded). */
export function mayUseClient(language: ClientLanguage, text: string): boolean {
  return mentionsClient(READERS[language], text);
}

export function analyseClientCode(language: ClientLanguage, parser: TreeParser, text: string): ClientAnalysis {
  return analyseWith(READERS[language], parser, text);
}
