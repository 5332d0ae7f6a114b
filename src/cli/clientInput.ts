import { clientCodeOf } from '../core/clients/analyseClientCode';
import { ClientAnalysis, ClientLanguage } from '../core/clients/clientSite';
import { loadTreeParser, TreeParser } from '../core/shell/tree/shellParser';
import { CliOutput } from './cliOutput';

// Python and Go files in `pgw lint` and `pgw pushes`: their grammar loaded at the first file that
// uses a Prometheus client, the file analysed for its push sites and declared metrics.

/** Loads a client language's grammar; tests pass their own. */
export type ClientParserLoader = (language: ClientLanguage) => Promise<TreeParser>;

export const loadClientParser: ClientParserLoader = (language) => loadTreeParser(language);

/** The file's client code; nothing (with a note) when its grammar does not load. */
export function readClientCode(command: string, language: ClientLanguage, text: string, load: ClientParserLoader, output: CliOutput): Promise<ClientAnalysis> {
  return clientCodeOf(language, text, load, (error) => output.err(`pgw ${command}: the ${language} parser did not load (${error instanceof Error ? error.message : String(error)})\n`));
}
