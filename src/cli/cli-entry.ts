/**
 * What the bin imports: the CLI without the rest of the programmatic API, so that a run loads
 * only the code it needs (the rules file's zod schema, for one, only when the file has a problem).
 */

export { readRegularFile } from '../base/read-regular-file.js';
export { runIsolated } from '../config-check/isolated.js';
export { main } from './cli.js';
