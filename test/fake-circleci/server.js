// @ts-check
// A fake CircleCI API (v1.1 and v2) on 127.0.0.1 for tests and the demo: it records every
// request, reproduces CircleCI's traps (EDN without Accept, body ignored without Content-Type,
// 201 for pipelines that then error, workflows that appear late) and injects faults on demand.
// Plain node (built-ins only), so the demo script can use it too.
import { createServer } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { addBuild } from './builds.js';
import { createFaultQueue } from './faults.js';
import { message, parseJson, readBody, safeDecode, sendReply } from './http-io.js';
import { addJob, routeJobDetails } from './job-details.js';
import { resolveOptions } from './options.js';
import { addPipeline } from './pipelines.js';
import { createStore, nowMs, runDue } from './store.js';
import { routeV1 } from './v1.js';
import { routeMeAndProject } from './v2-me-and-project.js';
import { routePipelines } from './v2-pipelines.js';
import { routeWorkflows } from './v2-workflows.js';
import { addWorkflow } from './workflows.js';

/**
 * @typedef {import('./types.js').FakeOptions} FakeOptions
 * @typedef {import('./types.js').RecordedRequest} RecordedRequest
 * @typedef {import('./types.js').FaultMatch} FaultMatch
 * @typedef {import('./types.js').FaultStep} FaultStep
 * @typedef {import('./types.js').Reply} Reply
 * @typedef {import('./store.js').Store} Store
 */

/**
 * @typedef {object} FakeCircleCI
 * @property {string} url origin to use as `--host`: `http://127.0.0.1:<port>`
 * @property {RecordedRequest[]} requests every request in arrival order, faulted ones included
 * @property {(match: FaultMatch, ...steps: FaultStep[]) => void} fault queue faults for the next matching requests
 * @property {import('./types.js').Build[]} builds v1.1 builds, seeded and triggered
 * @property {import('./types.js').Pipeline[]} pipelines v2 pipelines, seeded and triggered
 * @property {import('./types.js').Workflow[]} workflows v2 workflows with their jobs
 * @property {import('./types.js').JobDetails[]} jobs v2 job details seeded with addJob
 * @property {(name: string, sha: string) => void} setHead move a branch or tag head
 * @property {(seed?: import('./pipelines.js').PipelineSeed) => import('./types.js').Pipeline} addPipeline seed an existing pipeline
 * @property {(seed?: import('./builds.js').BuildSeed) => import('./types.js').Build} addBuild seed an existing v1.1 build
 * @property {(seed: import('./workflows.js').WorkflowSeed) => import('./types.js').Workflow} addWorkflow seed a workflow and its jobs
 * @property {(slug: string, seed: import('./job-details.js').JobSeed) => import('./types.js').JobDetails} addJob seed v2 job details
 * @property {() => Promise<void>} close stop listening and destroy every socket, hung ones included
 */

/**
 * Starts a fake CircleCI on 127.0.0.1 at a free port.
 * @param {FakeOptions} [options]
 * @returns {Promise<FakeCircleCI>}
 */
export async function startFakeCircleCI(options = {}) {
  const server = createServer();
  /** @type {Set<import('node:net').Socket>} */
  const sockets = new Set();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  const store = createStore(resolveOptions(options), url);
  const faults = createFaultQueue();
  /** @type {RecordedRequest[]} */
  const requests = [];
  server.on('request', (request, response) => {
    handle(store, faults, requests, request, response).catch((error) => {
      sendReply(response, message(500, `fake CircleCI failed: ${error}`));
    });
  });

  return {
    url,
    requests,
    fault: (match, ...steps) => faults.add(match, steps),
    builds: store.builds,
    pipelines: store.pipelines,
    workflows: store.workflows,
    jobs: store.jobs,
    setHead: (name, sha) => void store.heads.set(name, sha),
    addPipeline: (seed = {}) => addPipeline(store, seed),
    addBuild: (seed = {}) => addBuild(store, seed),
    addWorkflow: (seed) => addWorkflow(store, seed),
    addJob: (slug, seed) => addJob(store, slug, seed),
    close: () => close(server, sockets),
  };
}

/**
 * Records the request, applies its fault if one is queued, else answers it.
 * @param {Store} store
 * @param {ReturnType<typeof createFaultQueue>} faults
 * @param {RecordedRequest[]} requests
 * @param {import('node:http').IncomingMessage} request
 * @param {import('node:http').ServerResponse} response
 */
async function handle(store, faults, requests, request, response) {
  const recorded = record(request, await readBody(request));
  requests.push(recorded);
  runDue(store);
  const fault = faults.take(recorded.method, recorded.path);
  if (fault) recorded.fault = fault;
  if (fault?.delayMs) await sleep(fault.delayMs);
  if (fault?.deferMs !== undefined) {
    // CircleCI acts on the request later, whatever the client was told meanwhile.
    const dueAt = nowMs(store) + fault.deferMs;
    store.deferred.push({ dueAt, run: () => void answer(store, recorded) });
  }
  const dated = (/** @type {Reply} */ reply) => sendReply(response, withDate(store, reply));
  if (fault?.reset) return void request.socket.destroy();
  if (fault?.hang) return; // the socket stays open until close()
  if (fault?.status !== undefined) return dated(faultReply(fault, fault.status));

  const reply = answer(store, recorded);
  // "Outcome unknown": the entity exists but the client never learns it.
  if (fault?.resetAfterHandling) return void request.socket.destroy();
  if (fault?.hangAfterHandling) return;
  if (fault?.statusAfterHandling !== undefined) {
    return dated(faultReply(fault, fault.statusAfterHandling));
  }
  dated(reply);
}

/**
 * Every answer carries CircleCI's clock in its `Date` header (RFC 9110: an origin server with a
 * clock sends one), so a client can measure how far its own clock is off.
 * @param {Store} store
 * @param {Reply} reply
 * @returns {Reply}
 */
function withDate(store, reply) {
  return { ...reply, headers: { date: new Date(nowMs(store)).toUTCString(), ...reply.headers } };
}

/**
 * @param {Store} store
 * @param {RecordedRequest} recorded
 * @returns {Reply}
 */
function answer(store, recorded) {
  const token = recorded.headers['circle-token'];
  const projectToken =
    store.options.projectToken !== undefined && token === store.options.projectToken;
  if (token !== store.options.token && !projectToken) {
    return message(401, 'Invalid token provided.');
  }
  if (projectToken) {
    // A project token "answers /me with 401 ('You must log in first.')"; v2 takes personal
    // tokens only, a project token gets `404 Project not found` (ARCHITECTURE.md, "What CircleCI answers").
    if (recorded.path === '/api/v1.1/me' || recorded.path === '/api/v2/me') {
      return message(401, 'You must log in first.');
    }
    if (recorded.path.startsWith('/api/v2/')) return message(404, 'Project not found');
  }
  const { value, invalid } = parseJson(recorded.rawBody);
  /** @type {import('./types.js').RequestContext} */
  const ctx = {
    method: recorded.method,
    rawPath: recorded.path,
    query: recorded.query,
    headers: recorded.headers,
    body: value,
    bodyIsInvalidJson: invalid,
    store,
    projectToken,
  };
  const reply =
    routeV1(ctx) ??
    routePipelines(ctx) ??
    routeWorkflows(ctx) ??
    routeJobDetails(ctx) ??
    routeMeAndProject(ctx);
  return reply ?? message(404, 'Not found');
}

/**
 * @param {import('node:http').IncomingMessage} request
 * @param {string} rawBody
 * @returns {RecordedRequest}
 */
function record(request, rawBody) {
  const rawUrl = request.url ?? '/';
  const [path = '/', search = ''] = rawUrl.split(/\?(.*)/s);
  return {
    method: (request.method ?? 'GET').toUpperCase(),
    path,
    rawPath: path,
    decodedPath: safeDecode(path),
    rawUrl,
    query: Object.fromEntries(new URLSearchParams(search)),
    headers: request.headers,
    rawBody,
    body: parseJson(rawBody).value,
  };
}

/**
 * @param {FaultStep} fault
 * @param {number} status
 * @returns {Reply}
 */
function faultReply(fault, status) {
  // CircleCI's throttling answer can be plain text rather than `{message}`.
  if (status === 429 && fault.body === undefined) {
    return {
      status,
      text: 'Rate limited.',
      contentType: 'text/plain',
      headers: fault.headers ?? {},
    };
  }
  if (fault.text !== undefined) return { status, text: fault.text, headers: fault.headers ?? {} };
  // Gateways in front of CircleCI answer 520 or 524 with an HTML page of their own, after the
  // backend may have acted (every 5xx is an unknown outcome: docs/reliability.md, "Never twice").
  if (status >= 520 && status <= 527 && fault.body === undefined) {
    const text = `<!DOCTYPE html><html><head><title>${status}</title></head><body>Error ${status}</body></html>`;
    return { status, text, contentType: 'text/html', headers: fault.headers ?? {} };
  }
  const reply = fault.body === undefined ? message(status) : { status, body: fault.body };
  return { ...reply, headers: fault.headers ?? {} };
}

/**
 * @param {import('node:http').Server} server
 * @param {Set<import('node:net').Socket>} sockets
 * @returns {Promise<void>}
 */
function close(server, sockets) {
  const closed = new Promise((resolve, reject) =>
    server.close((error) => (error ? reject(error) : resolve(undefined))),
  );
  for (const socket of sockets) socket.destroy();
  return closed.then(() => undefined);
}
