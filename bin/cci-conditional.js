#!/usr/bin/env node
import { appendFileSync } from 'node:fs';

// Before the bundle loads: on an older Node it would fail with a stack trace instead of this line.
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  process.stderr.write(
    `error: cci-conditional needs Node.js 20.19 or later, and this is Node.js ${process.versions.node}\n`,
  );
  process.exit(2);
}

const { main, readRegularFile } = await import('../dist/cli.js');

// A reader that went away (`| head`) is no reason to fail, let alone with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
  });
}
// SIGTERM (CircleCI cancels or times out a step) or SIGINT: main reports what it knows and returns.
const stopped = new AbortController();
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, () => stopped.abort(signal));
}
const io = {
  stdout: process.stdout,
  stderr: process.stderr,
  readFile: readRegularFile,
  // A few lines to $BASH_ENV: node:fs/promises would cost more startup time than it saves.
  appendFile: async (path, text) => appendFileSync(path, text, 'utf8'),
  signal: stopped.signal,
};
process.exitCode = await main(process.argv.slice(2), process.env, io);
// Requests still in flight would keep the process alive after a signal.
if (stopped.signal.aborted) process.exit();
