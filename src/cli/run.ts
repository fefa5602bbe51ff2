// Runs a command body: expected failures print one clear line and exit non-zero; nothing else leaks a stack.
import { LocalNeo4jError } from '../db/local.js';

export async function run(body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (e) {
    const err = e as Error;
    const known = err instanceof LocalNeo4jError || err.message?.startsWith('invalid configuration');
    process.stderr.write(`quotegraph: ${known ? err.message : (err.stack ?? String(err))}\n`);
    process.exitCode = 1;
  }
}

/** Human-facing progress goes to stderr; stdout is for machine-readable output. */
export const say = (line: string): void => void process.stderr.write(`${line}\n`);
