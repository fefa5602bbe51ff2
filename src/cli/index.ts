#!/usr/bin/env node
// `quotegraph <command>`: each command lives in its own module and registers itself here.
import { Command } from 'commander';
import type { Registrar } from './registrar.js';
import { register as db } from './db.js';
import { register as evaluate } from './eval.js';
import { register as extract } from './extract.js';
import { register as ingest } from './ingest.js';
import { register as serve } from './serve.js';
import { register as start } from './start.js';
import { register as train } from './train.js';

const commands: Registrar[] = [db, evaluate, extract, ingest, serve, start, train];

const program = new Command('quotegraph')
  .description('Quote-attribution knowledge graph for news')
  .showHelpAfterError();
for (const register of commands) register(program);
await program.parseAsync(process.argv);
