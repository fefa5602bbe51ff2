#!/usr/bin/env node
// `quotegraph <command>`: each command lives in its own module and registers itself here.
import { Command } from 'commander';
import type { Registrar } from './registrar.js';
import { register as db } from './db.js';

const commands: Registrar[] = [db];

const program = new Command('quotegraph')
  .description('Quote-attribution knowledge graph for news')
  .showHelpAfterError();
for (const register of commands) register(program);
await program.parseAsync(process.argv);
