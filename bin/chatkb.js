#!/usr/bin/env node
// The package's command: runs the compiled CLI (npm ci compiles it through `prepare`).
import { main } from '../dist/cli.js';

main(process.argv).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(`chatkb: ${err?.stack ?? err}\n`); process.exitCode = 2; },
);
