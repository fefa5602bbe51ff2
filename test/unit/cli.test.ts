// The command table: `quotegraph --help` lists each command from its entry without loading its module, so each
// entry must say what the module itself declares.
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { COMMANDS, programFor } from '../../src/cli/registrar.js';

describe('the command table', () => {
  it("matches each module's own name, description and arguments", async () => {
    for (const [name, entry] of Object.entries(COMMANDS)) {
      const program = new Command();
      (await entry.load()).register(program);
      const command = program.commands.find((c) => c.name() === name);
      expect(command, name).toBeDefined();
      expect(command!.description()).toBe(entry.summary);
      expect(command!.registeredArguments.map((a) => (a.required ? `<${a.name()}${a.variadic ? '...' : ''}>` : `[${a.name()}]`)).join(' ')).toBe(entry.args);
    }
  });

  it('registers the named command from its module, the others from the table', async () => {
    const cli = await programFor(['db', 'status']);
    expect(cli.commands.find((c) => c.name() === 'db')!.commands.map((c) => c.name())).toEqual(['start', 'stop', 'status', 'migrate']);
    expect(cli.commands.find((c) => c.name() === 'extract')!.options).toEqual([]);
    const help = await programFor(['help', 'extract']);
    expect(help.commands.find((c) => c.name() === 'extract')!.options.map((o) => o.long)).toContain('--format');
  });
});
