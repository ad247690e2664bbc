#!/usr/bin/env node
// Entry point of the published command: registers the TypeScript loader, then runs the CLI. It calls main()
// itself, so it works through symlinks (npm link, node_modules/.bin) whatever argv[1] is called.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
