// The commands of `quotegraph`: each lives in its own module and registers itself. Only the module of the command
// being run is loaded: the pipeline's (wink-nlp, compromise, chrono, cheerio) and the driver's take seconds to
// load, which `quotegraph --help` and `quotegraph db status` must not pay for.
import { Command } from 'commander';

/** A CLI module adds its subcommand(s) to the program. */
export type Registrar = (program: Command) => void;

interface Entry {
  /** The arguments, as the command's module declares them (for the overview). */
  args: string;
  /** The command's description, as its module declares it (test/unit/cli.test.ts keeps the two the same). */
  summary: string;
  load: () => Promise<{ register: Registrar }>;
}

export const COMMANDS: Record<string, Entry> = {
  db: { args: '', summary: 'the local Neo4j server (used when NEO4J_URI is not set)', load: () => import('./db.js') },
  eval: {
    args: '<gold> <paths...>',
    summary: 'extract from PATH... and score the result against a gold file (quotes, speakers, statements, topics, outlets)',
    load: () => import('./eval.js'),
  },
  extract: {
    args: '<paths...>',
    summary: 'extract quotes, speakers and article metadata from news files (text, JSON, JSONL, HTML)',
    load: () => import('./extract.js'),
  },
  ingest: {
    args: '<paths...>',
    summary: 'extract, resolve and write news files into the graph (idempotent; edited files replace their old version)',
    load: () => import('./ingest.js'),
  },
  serve: { args: '', summary: 'serve the GraphQL API at /graphql (GraphiQL unless NODE_ENV=production)', load: () => import('./serve.js') },
  start: { args: '', summary: 'start Neo4j, load the seed articles into an empty graph, serve GraphQL and the explorer', load: () => import('./start.js') },
  train: { args: '<stage>', summary: "train a stage's model from gold data (stages: speakers)", load: () => import('./train.js') },
};

function program(): Command {
  return new Command('quotegraph')
    .description('Quote-attribution knowledge graph for news')
    .option('--verbose', 'on a failure, show its stack too (as LOG_LEVEL=debug does)')
    // before the command only: `eval --verbose` is eval's own option
    .enablePositionalOptions()
    .showHelpAfterError();
}

/**
 * The program for these arguments: the named command registered by its module, every other one by its entry
 * (enough for the overview, `--help` and "unknown command" suggestions).
 */
export async function programFor(argv: string[]): Promise<Command> {
  const words = argv.filter((a) => !a.startsWith('-'));
  const named = words[0] === 'help' ? words[1] : words[0];
  const cli = program();
  for (const [name, entry] of Object.entries(COMMANDS)) {
    if (name === named) (await entry.load()).register(cli);
    else {
      const stub = cli.command(name).description(entry.summary).allowUnknownOption();
      if (entry.args) stub.arguments(entry.args);
    }
  }
  return cli;
}

