/**
 * The project a clone's remote URL names, for `doctor` on a laptop: github.com and bitbucket.org
 * in their SSH (`git@github.com:org/repo.git`, `ssh://...`) and HTTPS forms. Any other host
 * (GitHub Enterprise, GitLab, a path) names no CircleCI slug that can be known from it. Pure.
 */
import type { Project } from '../circleci/api-paths.js';
import { parseSlug } from './targets.js';

const PROVIDERS: Record<string, string> = { 'github.com': 'gh', 'bitbucket.org': 'bb' };

export function projectOfRemote(url: string): Project | undefined {
  const text = url.trim();
  // scp-like: [user@]host:org/repo
  const scp = /^(?:[^@/:\s]+@)?([^@/:\s]+):(?!\/)(.+)$/.exec(text);
  const [host, path] = scp
    ? [scp[1], scp[2]]
    : (() => {
        try {
          const parsed = new URL(text);
          if (!['https:', 'http:', 'ssh:', 'git:'].includes(parsed.protocol)) return [];
          return [parsed.hostname, parsed.pathname];
        } catch {
          return [];
        }
      })();
  const provider = PROVIDERS[(host ?? '').toLowerCase()];
  if (!provider || path === undefined) return undefined;
  const parts = path
    .replace(/^\/+|\/+$/g, '')
    .replace(/\.git$/, '')
    .split('/');
  if (parts.length !== 2) return undefined;
  return parseSlug(`${provider}/${parts[0]}/${parts[1]}`);
}
