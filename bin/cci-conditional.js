#!/usr/bin/env node
import { appendFile } from 'node:fs/promises';
import { main, readRegularFile } from '../dist/cci-conditional.js';

const io = {
  stdout: process.stdout,
  stderr: process.stderr,
  readFile: readRegularFile,
  appendFile: (path, text) => appendFile(path, text, 'utf8'),
};
process.exitCode = await main(process.argv.slice(2), process.env, io);
