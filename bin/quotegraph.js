#!/usr/bin/env node
// `npx quotegraph`: runs the TypeScript CLI directly through tsx (no build step).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/index.ts');
