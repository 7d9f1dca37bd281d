/**
 * What the bin imports: the CLI without the rest of the programmatic API, so that a run loads
 * only the code it needs (the rules file's zod schema, for one, only when the file has a problem).
 */
export { main } from './cli.js';
export { runIsolated } from './isolated.js';
export { readRegularFile } from './read-regular-file.js';
