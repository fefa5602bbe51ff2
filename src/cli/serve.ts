// `quotegraph serve`: the GraphQL API (and GraphiQL, outside production) over the configured Neo4j, nothing else:
// no seeding, no explorer (that is `quotegraph start`). Configuration is validated before anything starts.
import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { connect } from '../db/driver.js';
import { migrate } from '../db/migrate.js';
import { run, say } from './run.js';
import type { Registrar } from './registrar.js';

interface ServeOptions {
  port?: string;
  host?: string;
  static?: string;
}

export const register: Registrar = (program: Command) => {
  program
    .command('serve')
    .description('serve the GraphQL API at /graphql (GraphiQL unless NODE_ENV=production)')
    .option('-p, --port <port>', 'port (default: PORT or 4000)')
    .option('--host <host>', 'interface (default: HOST or 127.0.0.1)')
    .option('--static <dir>', 'also serve the files of this folder')
    .action((opts: ServeOptions) =>
      run(async () => {
        const cfg = loadConfig({ ...process.env, ...(opts.port && { PORT: opts.port }), ...(opts.host && { HOST: opts.host }) });
        const { createServer, listen } = await import('../api/server.js');
        const graph = await connect(cfg, { say });
        await migrate(graph);
        const { server } = createServer(graph, cfg, { staticDir: opts.static });
        try {
          await listen(server, cfg);
        } catch (e) {
          await graph.close();
          throw e;
        }
        const host = ['0.0.0.0', '127.0.0.1', '::'].includes(cfg.HOST) ? 'localhost' : cfg.HOST;
        say(`QuoteGraph API on http://${host}:${cfg.PORT}/graphql${cfg.QG_API_TOKEN ? '' : ' (mutations off: no QG_API_TOKEN)'}`);
        const stop = (signal: string) => {
          say(`${signal}: stopping…`);
          server.close(() => void graph.close());
          server.closeAllConnections();
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      }),
    );
};
