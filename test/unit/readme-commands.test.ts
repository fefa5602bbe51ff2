// README.md's shell commands name what exists: every `npx quotegraph …` a command (and `db` subcommand) the CLI
// registers, with options it accepts, and every `npm run …` / `npm start` / `npm test` a script of package.json.
// (Running them is for the tests of each command: these would start servers or read ../shared.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { programFor } from '../../src/cli/registrar.js';
import { ROOT } from '../../src/config.js';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

/** The lines of the ```sh blocks, continuations joined and comments cut. */
const lines = [...README.matchAll(/```sh\n([\s\S]*?)```/g)]
  .flatMap((m) => m[1].replace(/\\\n\s*/g, ' ').split('\n'))
  .map((l) => l.replace(/\s#.*$/, '').trim())
  .filter(Boolean);
const cli = lines.filter((l) => l.startsWith('npx quotegraph '));
const npm = lines.flatMap((l) => l.split('&&').map((p) => p.trim())).filter((p) => /^npm (run|start|test)\b/.test(p));

const optionsOf = (c: Command) => c.options.flatMap((o) => [o.long, o.short].filter((x): x is string => !!x));

describe('README shell commands', () => {
  it('has some to check', () => {
    expect(cli.length).toBeGreaterThanOrEqual(5);
    expect(npm.length).toBeGreaterThanOrEqual(2);
  });

  it.each(cli.map((l) => [l]))('%s', async (line) => {
    const words = line.split(/\s+/).slice(2);
    const name = words.find((w) => !w.startsWith('-'))!;
    const program = await programFor([name]);
    const command = program.commands.find((c) => c.name() === name);
    expect(command, `quotegraph has no command ${name}`).toBeDefined();
    const known = [...optionsOf(program), ...optionsOf(command!), '--help'];
    for (const w of words.filter((x) => x.startsWith('--'))) expect(known, `${name} has no option ${w}`).toContain(w.replace(/[=\]].*$/, ''));
    if (name === 'db') {
      const subs = command!.commands.map((c) => c.name());
      for (const w of words.slice(1).filter((x) => /^[a-z]+$/.test(x))) expect(subs).toContain(w);
    }
  });

  it.each(npm.map((l) => [l]))('%s', (line) => {
    const script = line.startsWith('npm run ') ? line.split(/\s+/)[2] : line.split(/\s+/)[1];
    expect(Object.keys(scripts)).toContain(script);
  });
});
