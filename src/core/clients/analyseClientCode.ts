// One entry for both client languages: the grammar a file needs, and its analysis.
import { kindByName } from '../files/fileKind';
import { TreeParser } from '../shell/tree/shellParser';
import { ClientAnalysis, ClientLanguage, NO_CLIENT_CODE } from './clientSite';
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

/**
 * The client analysis of `text`, its grammar loaded by `load` only when the text uses a client;
 * nothing when it does not, or when the grammar does not load (`onLoadError` is told why).
 */
export async function clientCodeOf(language: ClientLanguage, text: string, load: (language: ClientLanguage) => Promise<TreeParser>, onLoadError: (error: unknown) => void): Promise<ClientAnalysis> {
  if (!mayUseClient(language, text)) {
    return NO_CLIENT_CODE;
  }
  let parser: TreeParser;
  try {
    parser = await load(language);
  } catch (error) {
    onLoadError(error);
    return NO_CLIENT_CODE;
  }
  return analyseClientCode(language, parser, text);
}
