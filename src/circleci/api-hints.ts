/**
 * What to do about a failed request, by HTTP status: the second half of every API error line.
 * v1.1 and v2 differ in the tokens they take and in v1.1's end (410 after 2027-02-01).
 */

export function hintFor(
  status: number | undefined,
  label: string,
  /** the API origin and the token's variable, as the client has them */
  options: { host: string; tokenEnv: string },
): string | undefined {
  const v1 = label.includes(' /api/v1.1/');
  switch (status) {
    case 401:
      return `the API token in ${options.tokenEnv} is invalid, revoked or expired (personal API tokens now expire, at most a year after creation); create a new personal API token (User Settings → Personal API Tokens)`;
    case 403:
    case 404:
      return v1
        ? `the project does not exist or the token in ${options.tokenEnv} cannot see it; API v1.1 takes a personal API token or a project API token of that project`
        : `the project does not exist or the token in ${options.tokenEnv} cannot see it; API v2 needs a personal API token (project tokens get 404)`;
    case 410:
      return v1
        ? 'CircleCI removed the API v1.1 trigger on 2027-02-01: move the rule to API v2 ("api": "v2" with declared pipeline parameters, or "definitionId" for pipeline/run; see "Moving from API v1.1 to v2" in the README)'
        : 'CircleCI removed this endpoint';
    case 400:
      return 'CircleCI refused the request: check that the branch or tag exists and the parameters are declared in the target config';
    case 429:
      return 'CircleCI kept throttling the requests; try again later or raise --retries';
    case undefined:
      return `CircleCI could not be reached at ${options.host}; check the network or --host, --timeout and --retries`;
    default:
      if (status >= 300 && status < 400)
        return `unexpected redirect: is --host ${options.host} the API origin?`;
      return status >= 500 ? 'CircleCI had a server error; try again later' : undefined;
  }
}
