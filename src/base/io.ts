/**
 * The sinks and sources a run writes to and reads from, as the code sees them. The bin passes its
 * own (file descriptors, the file reader in read-regular-file.ts), tests and API users theirs.
 */

/** Anything that takes text: the bin's stdout and stderr, a test's collector. */
export interface TextSink {
  write(text: string): unknown;
}

/** Reads a text file: the bin's reader (read-regular-file.ts), a test's stand-in. */
export type ReadFile = (path: string, options?: { strictUtf8?: boolean }) => Promise<string>;

/** One log method: a message, or fields and a message (fields show at debug level and in JSON). */
export interface LogMethod {
  (message: string): void;
  (fields: object, message: string): void;
}

/**
 * What the code logs through. cli/logger.ts makes one (pino for JSON lines, plain text lines
 * otherwise); a pino logger passed in by an API user fits it too.
 */
export interface Logger {
  trace: LogMethod;
  debug: LogMethod;
  info: LogMethod;
  warn: LogMethod;
  error: LogMethod;
  isLevelEnabled(level: string): boolean;
}
