#!/usr/bin/env node
// Entry point: runs the precompiled JavaScript in dist/, built by `npm run build:js` (which
// `npm ci` and `npm test` run). Tests and scripts use the TypeScript sources through tsx.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('ratsmappe: dist/ fehlt. Bitte zuerst „npm run build:js“ ausführen.\n');
  process.exit(2);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  tty: { stdout: Boolean(process.stdout.isTTY), stderr: Boolean(process.stderr.isTTY) },
});
