// Logs go to stderr so stdout stays machine-readable (JSONL from `extract`).
import { pino } from 'pino';

export const log = pino(
  { level: process.env.LOG_LEVEL ?? 'info', base: undefined, timestamp: pino.stdTimeFunctions.isoTime },
  pino.destination(2),
);
