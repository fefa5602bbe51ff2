import type { Command } from 'commander';

/** A CLI module adds its subcommand(s) to the program. */
export type Registrar = (program: Command) => void;
