// `quotegraph db start | stop | status | migrate`: the local Neo4j, or the one NEO4J_URI names.
import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { LocalNeo4j } from '../db/local.js';
import { connect } from '../db/driver.js';
import { migrate } from '../db/migrate.js';
import { run, say } from './run.js';
import type { Registrar } from './registrar.js';

export const register: Registrar = (program: Command) => {
  const db = program.command('db').description('the local Neo4j server (used when NEO4J_URI is not set)');

  db.command('start')
    .description('fetch (first run) and start the local Neo4j; waits until Bolt answers')
    .action(() =>
      run(async () => {
        const cfg = loadConfig();
        if (cfg.NEO4J_URI) {
          say(`NEO4J_URI is set (${cfg.NEO4J_URI}): that server is used, nothing to start.`);
          return;
        }
        const local = new LocalNeo4j(cfg);
        const t0 = Date.now();
        const { alreadyRunning } = await local.start(say);
        say(alreadyRunning ? 'Neo4j is already running.' : `Neo4j started in ${((Date.now() - t0) / 1000).toFixed(1)} s.`);
        const graph = await connect(cfg);
        const { applied } = await migrate(graph);
        await graph.close();
        if (applied.length) say(`schema migrations applied: ${applied.join(', ')}`);
        say(`  Bolt:    ${local.boltUri}`);
        say(`  Browser: ${local.browserUrl}  (user ${cfg.NEO4J_USER}, password from NEO4J_PASSWORD)`);
      }),
    );

  db.command('stop')
    .description('stop the local Neo4j cleanly')
    .action(() =>
      run(async () => {
        const stopped = await new LocalNeo4j(loadConfig()).stop();
        say(stopped ? 'Neo4j stopped.' : 'Neo4j was not running.');
      }),
    );

  db.command('status')
    .description('is the local Neo4j running, where')
    .action(() =>
      run(async () => {
        const s = await new LocalNeo4j(loadConfig()).status();
        process.stdout.write(`${JSON.stringify(s, null, 2)}\n`);
        if (!s.running) process.exitCode = 3;
      }),
    );

  db.command('migrate')
    .description('apply the schema in cypher/schema (idempotent)')
    .action(() =>
      run(async () => {
        const graph = await connect(loadConfig(), { say });
        try {
          const { applied, version } = await migrate(graph);
          say(applied.length ? `applied ${applied.join(', ')}; schema version ${version}` : `schema is current (version ${version})`);
        } finally {
          await graph.close();
        }
      }),
    );
};
