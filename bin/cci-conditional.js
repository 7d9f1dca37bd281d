#!/usr/bin/env node
import { appendFile, readFile } from 'node:fs/promises';
import { main } from '../dist/cci-conditional.js';

const io = {
  stdout: process.stdout,
  stderr: process.stderr,
  readFile: (path) => readFile(path, 'utf8'),
  appendFile: (path, text) => appendFile(path, text, 'utf8'),
};
process.exitCode = await main(process.argv.slice(2), process.env, io);
