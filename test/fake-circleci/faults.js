// @ts-check
// Queued faults: each step is consumed by the next request that matches, in order.

/**
 * @typedef {import('./types.js').FaultMatch} FaultMatch
 * @typedef {import('./types.js').FaultStep} FaultStep
 */

export function createFaultQueue() {
  /** @type {Array<{match: FaultMatch, steps: FaultStep[]}>} */
  const queued = [];

  return {
    /**
     * @param {FaultMatch} match
     * @param {FaultStep[]} steps
     */
    add(match, steps) {
      queued.push({ match, steps: [...steps] });
    },

    /**
     * The next fault step for this request, removed from the queue; undefined when none applies.
     * Earlier fault() calls are served first.
     * @param {string} method
     * @param {string} rawPath
     * @returns {FaultStep | undefined}
     */
    take(method, rawPath) {
      const entry = queued.find(
        (candidate) => candidate.steps.length > 0 && matches(candidate.match, method, rawPath),
      );
      return entry?.steps.shift();
    },
  };
}

/**
 * @param {FaultMatch} match
 * @param {string} method
 * @param {string} rawPath
 */
function matches(match, method, rawPath) {
  if (match.method && match.method.toUpperCase() !== method) return false;
  if (match.path === undefined) return true;
  if (typeof match.path === 'string') return match.path === rawPath;
  match.path.lastIndex = 0; // a /g or /y RegExp keeps state between test() calls
  return match.path.test(rawPath);
}
