/** The build's size line names each file a run loads with its real size (scripts/build-summary.js). */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sizeLine } from '../scripts/build-summary.js';
import { ROOT } from './helpers/run-bin.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the build size line', () => {
  it('adds up cli.js, the chunks, the source maps and the types, each in KiB with one decimal', () => {
    dir = mkdtempSync(join(tmpdir(), 'cci-conditional-dist-'));
    mkdirSync(join(dir, 'chunks'));
    const files: Record<string, number> = {
      'cli.js': 60 * 1024,
      'cli.js.map': 10 * 1024,
      'cci-conditional.js': 1229,
      'cci-conditional.js.map': 52,
      'chunks/a.js': 30 * 1024,
      'chunks/a.js.map': 5 * 1024,
      'chunks/lib-yaml.cjs': 1536,
      'index.d.ts': 2048,
    };
    for (const [file, bytes] of Object.entries(files))
      writeFileSync(join(dir, file), 'x'.repeat(bytes));
    expect(sizeLine(dir, 30)).toBe(
      `built ${dir}/: cli.js 60.0 KiB (every run loads it), 2 chunks 31.5 KiB (loaded when a run needs them), cci-conditional.js 1.2 KiB (the package's entry, re-exporting both), source maps 15.1 KiB, index.d.ts 2.0 KiB; schema.json; 30 bundled packages`,
    );
  });

  it('on this build, says what cli.js weighs', () => {
    const line = sizeLine(join(ROOT, 'dist'), 1);
    const kib = (statSync(join(ROOT, 'dist', 'cli.js')).size / 1024).toFixed(1);
    expect(line).toContain(`cli.js ${kib} KiB (every run loads it)`);
    expect(Number(kib)).toBeGreaterThan(10);
  });
});
