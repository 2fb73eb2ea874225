#!/usr/bin/env node
// `ciba-events <command>`: runs the TypeScript entry through tsx (the image runs the compiled
// dist/tools/events-monitor/main.mjs instead).
import { tsImport } from 'tsx/esm/api';

await tsImport('../src/main.ts', import.meta.url);
