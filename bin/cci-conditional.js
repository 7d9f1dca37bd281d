#!/usr/bin/env node
import { appendFile, readFile } from 'node:fs/promises';

// Before the bundle loads: on an older Node it would fail with a stack trace instead of this line.
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  process.stderr.write(
    `error: cci-conditional needs Node.js 20.19 or later, and this is Node.js ${process.versions.node}\n`,
  );
  process.exit(2);
}

const { main } = await import('../dist/cci-conditional.js');

const io = {
  stdout: process.stdout,
  stderr: process.stderr,
  readFile: (path) => readFile(path, 'utf8'),
  appendFile: (path, text) => appendFile(path, text, 'utf8'),
};
process.exitCode = await main(process.argv.slice(2), process.env, io);
