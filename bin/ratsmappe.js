#!/usr/bin/env node
// Entry point: runs the precompiled JavaScript in dist/, built by `npm run build:js` (which
// `npm ci` and `npm test` run). Tests and scripts use the TypeScript sources through tsx.
import { existsSync } from 'node:fs';
import module from 'node:module';
import v8 from 'node:v8';

// Node 20's V8 (11.3) optimises a function once it has run for an "interrupt budget" of
// bytecodes; its default suits long-running programs. A build is short and runs on few cores,
// where the compiler threads take time from the render threads: with a budget 4.4 times the
// default (132 KB) less is compiled that would not pay off. Measured on a 2-core machine: the
// example build 4.3–4.6 → 3.5–3.9 s, 100 Vorlagen 28.7 → 24.1 s, the rebuild after an edit
// 5.6–5.9 → 4.7–5.0 s (user CPU −15 %). Set before any of the program loads; the render
// threads (same process) share it. Node 22 and later tier up by invocation counts and have no
// such flag (V8 would print an error for it).
if (process.versions.node.split('.')[0] === '20')
  v8.setFlagsFromString('--interrupt-budget=600000');

// Node 22.1 and later keep V8's compiled code of the modules on disk (in the system's temp
// folder, checked against each file's content by Node), so the next start compiles nothing
// again: measured on Node 24, the example build 1.79 → 1.65 s (median of five), `check` 0.17 → 0.15 s. The
// render threads inherit the setting through the environment. Node 20 has no such cache;
// NODE_DISABLE_COMPILE_CACHE=1 switches it off.
if (process.env.NODE_COMPILE_CACHE === undefined && module.enableCompileCache !== undefined) {
  const { directory } = module.enableCompileCache();
  if (directory !== undefined) process.env.NODE_COMPILE_CACHE = directory;
}

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('ratsmappe: dist/ fehlt. Bitte zuerst „npm run build:js“ ausführen.\n');
  process.exit(2);
}
// a reader that stops early (`ratsmappe check content | head`) closes the pipe: what is left of
// the output has nowhere to go, which is no fault of the run (Node would end it with a stack
// trace); the run goes on, a build writes its files
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
  });
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  tty: { stdout: Boolean(process.stdout.isTTY), stderr: Boolean(process.stderr.isTTY) },
});
