#!/usr/bin/env node
// CommonJS (bin/package.json says so): on Node 20 an ES module entry alone costs about a fifth of
// Node's own start-up, and require() loads the ES module bundle without it (Node 20.19 and later).
'use strict';
// Before the bundle loads: on an older Node it would fail with a stack trace instead of this line.
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  process.stderr.write(
    `error: cci-conditional needs Node.js 20.19 or later, and this is Node.js ${process.versions.node}\n`,
  );
  process.exit(2);
}

const { main, readRegularFile } = require('../dist/cli.js');

// Text goes straight to the file descriptor with a synchronous write: making process.stderr or
// process.stdout (a pipe, in CircleCI) costs Node 20 about 2.5 ms, and node writes to pipes and
// files synchronously anyway. A reader that went away (`| head`) is no reason to fail, let alone
// with a stack trace. Where a write cannot go that way (a descriptor left non-blocking answers
// EAGAIN; Windows, whose console wants the stream's wide characters), the stream takes over from
// there on, made on its first write.
const fs = process.getBuiltinModule('node:fs');
// Whether any text went through a stream, which may still hold some when main returns.
let streamed = false;
const onFirstWrite = (name, fd) => {
  let stream;
  let direct = process.platform !== 'win32';
  const viaStream = (text) => {
    if (stream === undefined) {
      streamed = true;
      stream = process[name];
      stream.on('error', (error) => {
        if (error.code !== 'EPIPE') throw error;
      });
    }
    return stream.write(text);
  };
  return {
    write: (text) => {
      if (!direct) return viaStream(text);
      let rest = Buffer.from(text, 'utf8');
      try {
        while (rest.length > 0) rest = rest.subarray(fs.writeSync(fd, rest));
        return true;
      } catch (error) {
        if (error.code === 'EPIPE') return true;
        direct = false;
        return viaStream(rest);
      }
    },
  };
};
// SIGTERM (CircleCI cancels or times out a step) or SIGINT: main reports what it knows and returns.
const stopped = new AbortController();
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, () => stopped.abort(signal));
}
// The CircleCI config check can keep a thread busy for seconds, and a busy thread runs no signal
// handler: it runs on a worker thread (src/config-check/isolated.ts), and this one waits for it, free.
const cli = require.resolve('../dist/cli.js');
const worker = `const { parentPort, workerData: { cli, task, input } } = require('node:worker_threads');
require(cli).runIsolated(task, input).then((reply) => parentPort.postMessage(reply));`;
const isolate = (task, input) =>
  new Promise((resolve, reject) => {
    const { Worker } = process.getBuiltinModule('node:worker_threads');
    const thread = new Worker(worker, { eval: true, workerData: { cli, task, input } });
    thread.once('message', resolve);
    thread.once('error', reject);
    thread.once('exit', (code) => reject(new Error(`its thread ended with code ${code}`)));
  });
const io = {
  stdout: onFirstWrite('stdout', 1),
  stderr: onFirstWrite('stderr', 2),
  readFile: readRegularFile,
  // A few lines to $BASH_ENV.
  appendFile: async (path, text) => fs.appendFileSync(path, text, 'utf8'),
  signal: stopped.signal,
  isolate,
};
main(process.argv.slice(2), process.env, io).then((code) => {
  process.exitCode = code;
  // Requests still in flight would keep the process alive after a signal. Otherwise, when every
  // line went out by a synchronous write, nothing is left to do: an exit at the end of the event
  // loop would first wait for V8's background garbage collection (up to 10 ms with 10,000 rules).
  if (stopped.signal.aborted || !streamed) process.exit();
});
