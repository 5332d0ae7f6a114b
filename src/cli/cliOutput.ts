/** Where the CLI writes; injected so tests can read what a run printed. */
export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
}
