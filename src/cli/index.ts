#!/usr/bin/env node
// `quotegraph <command>` (src/cli/registrar.ts lists the commands).
import { programFor } from './registrar.js';

await (await programFor(process.argv.slice(2))).parseAsync(process.argv);
