// Runs a command body: an operational failure (src/errors.ts) or a file the system cannot open prints its one
// line and exits non-zero; `--verbose` or LOG_LEVEL=debug adds the stack. Anything else is a bug: its stack shows.
import { OperationalError } from '../errors.js';

export async function run(body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (e) {
    process.stderr.write(`quotegraph: ${explain(e)}\n`);
    process.exitCode = 1;
  }
}

const verbose = () => process.argv.includes('--verbose') || ['debug', 'trace'].includes(process.env.LOG_LEVEL ?? '');

/** What the user is told about a failure. */
export function explain(e: unknown): string {
  const err = e instanceof Error ? e : new Error(String(e));
  const known = err instanceof OperationalError || isFileError(err);
  if (!known || verbose()) return err.stack ?? err.message;
  return err.message;
}

/** ENOENT, EACCES, EISDIR… on a path: Node's message names the file and the problem. */
function isFileError(err: Error): boolean {
  const { code, path } = err as NodeJS.ErrnoException;
  return typeof code === 'string' && typeof path === 'string';
}

/** Human-facing progress goes to stderr; stdout is for machine-readable output. */
export const say = (line: string): void => void process.stderr.write(`${line}\n`);
