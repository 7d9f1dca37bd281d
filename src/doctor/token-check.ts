/**
 * Check 3, token: found (in which variable), accepted by CircleCI (`GET /api/v2/me` names the
 * user, whose login is how cci-conditional recognises its own triggers), and personal.
 */
import { apiPaths } from '../circleci/api-paths.js';
import type { ApiReader } from './api-reader.js';
import { answerOf, tryRead } from './api-reader.js';
import type { Check } from './report.js';

/** The token's variable; its value never leaves the client. */
export interface FoundToken {
  name: string;
}

export interface TokenOutcome {
  check: Check;
  /** why the other reads are pointless: CircleCI refused the token (401) or did not answer */
  stop?: string;
  /** the token user's login, when `/me` named one */
  login?: string;
}

const CREATE = 'create a personal API token (User Settings → Personal API Tokens)';

export async function checkToken(token: FoundToken, reader: ApiReader): Promise<TokenOutcome> {
  const read = await tryRead<{ login?: unknown }>(reader, apiPaths.v2Me);
  if ('answer' in read) {
    const login = read.answer?.login;
    if (typeof login === 'string' && login !== '') {
      const message = `${token.name} holds a personal API token CircleCI accepts (user ${login})`;
      return { check: { name: 'token', status: 'ok', message }, login };
    }
    const message = `${token.name} is accepted, but GET ${apiPaths.v2Me} names no login: cci-conditional cannot recognise its own triggers`;
    return { check: { name: 'token', status: 'problem', message } };
  }
  const { status } = read.failure;
  const answered = `GET ${apiPaths.v2Me} answered ${answerOf(read.failure)}`;
  const message =
    status === 401
      ? `${token.name} was refused: ${answered}; the token is invalid, revoked or expired (personal API tokens expire), or a project token, which API v2 does not take: ${CREATE}`
      : status === 403 || status === 404
        ? `${token.name} was refused: ${answered}; this is likely a project API token, and API v2 takes personal API tokens only: ${CREATE}`
        : `${token.name} could not be checked: ${read.failure.message}`;
  const stop =
    status === 401
      ? 'CircleCI refused the token (see token)'
      : status === undefined
        ? 'CircleCI could not be reached (see token)'
        : undefined;
  return { check: { name: 'token', status: 'problem', message }, ...(stop ? { stop } : {}) };
}
