import type { GalleyClient } from '../galley-client';
import type { TerminalStream } from './upload-progress';

/** Everything the CLI touches outside itself, so tests can run it without a terminal or network. */
export interface CliDeps {
  env: Record<string, string | undefined>;
  out: (text: string) => void;
  err: (text: string) => void;
  promptLine: (question: string) => Promise<string>;
  promptSecret: (question: string) => Promise<string>;
  fetch?: typeof fetch;
  /** Standard error as a stream: when it is a terminal, uploads draw a progress bar on it. */
  stderr?: TerminalStream;
}

/** What a command needs: the outside world, and a client signed in as the caller. */
export interface CliContext {
  deps: CliDeps;
  /** Throws "not signed in" when there is no token: every command but login needs a caller. */
  client: () => GalleyClient;
}
