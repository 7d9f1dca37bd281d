// @ts-check
// JSDoc types shared by the fake CircleCI server's modules. No runtime code.

/**
 * Options of startFakeCircleCI. Every field is optional.
 * @typedef {object} FakeOptions
 * @property {string} [token] value the `Circle-Token` header must carry (default `'test-token'`)
 * @property {number} [v11Status] status of a successful v1.1 trigger: 200 (default) or 201 as some installs answer
 * @property {number} [pipelineSetupReads] GET /pipeline/{id} reads that still answer `setup-pending` (default 1)
 * @property {number} [workflowDelayReads] GET /pipeline/{id}/workflow reads that answer no workflow yet (default 1)
 * @property {string[]} [declaredParameters] pipeline parameters the target config declares; others end the pipeline `errored`
 * @property {Record<string, string>} [heads] branch or tag name → its head SHA
 * @property {(pipeline: Pipeline, parameters: Record<string, unknown>) => WorkflowSpec[]} [workflows] workflows a triggered pipeline gets, from the parameters its trigger sent
 * @property {boolean} [ciSkip] the heads' commits say `[ci skip]`: `pipeline/run` answers 200 `{message}` and creates nothing
 * @property {boolean} [v11TriggersGone] after 2027-02-01: v1.1 trigger POSTs answer 410 Gone (before, they carry `Deprecation`/`Sunset` headers)
 * @property {string} [login] login of the token's user (`GET /me`, `trigger.actor.login`, `user.login`; default `deploy-bot`)
 * @property {(build: Build) => string[]} [buildStatuses] lifecycle/outcome steps of a triggered v1.1 build
 * @property {number} [pageSize] items per page of every paged v2 list (default 20)
 * @property {string[]} [projects] slugs that exist (`gh/org/repo`, `bb/org/repo`, `circleci/<org>/<project>`); default: all
 * @property {string} [defaultBranch] branch a v2 trigger builds when it names none (default `'main'`)
 * @property {() => number} [clock] the test's clock in ms (default `Date.now`): tests that sleep on a fake clock pass the same one, so CircleCI's times move with it
 * @property {number} [clockOffsetMs] CircleCI's clock minus the runner's (default 0; -120000: CircleCI runs 2 minutes behind), in every time shown and in the `Date` header
 * @property {number} [listDelayMs] a pipeline or build created through the API is listed only this long after it was created, by the fake's clock (default 0; nothing shows how fast CircleCI lists one)
 * @property {boolean} [branchListsPipelinesWithoutVcs] `?branch=` also matches pipelines without a `vcs` block, by their `trigger_parameters.git.branch` (default false: there is no evidence that it does)
 * @property {string} [apiTriggerType] `trigger.type` of the pipelines an API trigger creates (default `api`; `explicit` was an early name of API triggers)
 * @property {boolean} [v11ListsEncodeBranches] v1.1 lists show branch names URL-encoded (`release%2F1.0`) (default true)
 * @property {string} [projectToken] a project API token of every v1.1 project: v1.1 takes it, `/me` answers it 401 "You must log in first.", v2 answers it 404 `Project not found`
 * @property {string[]} [gitlabProjects] `circleci/<org>/<project>` slugs of GitLab projects (their repository is on gitlab.com; `pipeline/run` refuses them)
 * @property {string[]} [v11ListsLeaveOut] fields every v1.1 list summary leaves out, as the documented shallow sample does (`user`, `usage_queued_at`, `vcs_tag`): a CircleCI whose lists show less than the builds themselves (default none)
 * @property {string[]} [classicProjectIds] `circleci/<org-id>/<project-id>` slugs that name GitHub OAuth or Bitbucket projects: the API answers 404 to that form for them
 */

/**
 * @typedef {Required<Omit<FakeOptions, 'declaredParameters' | 'projects' | 'projectToken'>>
 *   & Pick<FakeOptions, 'declaredParameters' | 'projects' | 'projectToken'>} ResolvedOptions
 */

/**
 * One request as the fake received it, recorded before any fault applies.
 * @typedef {object} RecordedRequest
 * @property {string} method upper-case HTTP method
 * @property {string} path pathname exactly as sent, percent-escapes kept (`/api/v1.1/.../tree/feature%2Fx`)
 * @property {string} rawPath same as `path`: the raw, non-decoded pathname
 * @property {string} decodedPath `path` percent-decoded (`/api/v1.1/.../tree/feature/x`), for readable assertions
 * @property {string} rawUrl request target as sent, query string included (to check no token travels in it)
 * @property {Record<string, string>} query query parameters
 * @property {import('node:http').IncomingHttpHeaders} headers request headers, names lower-cased
 * @property {string} rawBody body text ('' when none)
 * @property {unknown} body body parsed as JSON, undefined when empty or not JSON
 * @property {FaultStep} [fault] the fault step this request consumed, if any
 */

/**
 * Which requests a queued fault applies to.
 * @typedef {object} FaultMatch
 * @property {string} [method] HTTP method, any case; default any
 * @property {string | RegExp} [path] raw pathname (escapes kept): exact string or a RegExp; default any
 */

/**
 * One fault, consumed by one matching request. `delayMs` can be combined with the others.
 * @typedef {object} FaultStep
 * @property {number} [status] answer with this status instead of handling (nothing is created)
 * @property {unknown} [body] body of that answer; default `{message: <status text>}`
 * @property {string} [text] that answer's body verbatim instead (e.g. `''` for an empty answer)
 * @property {Record<string, string>} [headers] headers of that answer, e.g. `{'retry-after': '1'}`
 * @property {true} [reset] destroy the socket without handling (nothing is created)
 * @property {true} [hang] never answer; the socket stays open until close()
 * @property {true} [resetAfterHandling] handle (the build/pipeline IS created), then destroy the socket
 * @property {true} [hangAfterHandling] handle (the build/pipeline IS created), then never answer
 * @property {number} [statusAfterHandling] handle (the build/pipeline IS created), then answer this status instead (a gateway's 502, 504, 520 or 524)
 * @property {number} [delayMs] wait this long first (real time)
 * @property {number} [deferMs] with `hang`, `reset` or `status`: CircleCI handles the request anyway, this long after it arrived by the fake's clock (the build or pipeline appears then), whatever the client was told
 */

/**
 * What a route answers; the server turns it into an HTTP response (or, under a fault, drops it).
 * @typedef {object} Reply
 * @property {number} status
 * @property {unknown} [body] sent as JSON unless `text` is set
 * @property {string} [text] sent verbatim with `contentType`
 * @property {string} [contentType]
 * @property {Record<string, string>} [headers]
 */

/**
 * What a route sees of a request.
 * @typedef {object} RequestContext
 * @property {string} method upper-case
 * @property {string} rawPath pathname as sent, percent-escapes kept
 * @property {Record<string, string>} query
 * @property {import('node:http').IncomingHttpHeaders} headers
 * @property {unknown} body parsed JSON body, undefined when empty or not JSON
 * @property {boolean} bodyIsInvalidJson a body was sent but is not JSON
 * @property {import('./store.js').Store} store
 * @property {boolean} [projectToken] the request came with the `projectToken`, not a personal token
 */

/**
 * @typedef {object} PipelineError
 * @property {string} type config, config-fetch, timeout, permission, other, trigger-rule or plan
 * @property {string} message
 */

/**
 * A v2 pipeline in the shape of the OpenAPI `Pipeline` schema.
 * @typedef {object} Pipeline
 * @property {string} id uuid
 * @property {number} number per project, from 1
 * @property {string} project_slug short form: `gh/org/repo`, `bb/org/repo`, `circleci/<org>/<project>`
 * @property {string} created_at
 * @property {string} updated_at
 * @property {PipelineError[]} errors
 * @property {string} state setup-pending, setup, pending, created or errored
 * @property {{type: string, received_at: string, actor: {login: string, avatar_url: string | null}}} trigger
 * @property {Record<string, unknown>} [trigger_parameters] never what a trigger sent: absent on `gh/`/`bb/` pipelines, namespaced git context (`circleci`, `git`, `webhook`) on `circleci/` ones
 * @property {PipelineVcs} [vcs] absent on `circleci/` pipelines
 */

/**
 * @typedef {object} PipelineVcs
 * @property {string} provider_name GitHub or Bitbucket
 * @property {string} origin_repository_url
 * @property {string} target_repository_url
 * @property {string} revision head of the branch or tag when the pipeline was created
 * @property {string} [branch]
 * @property {string} [tag]
 */

/**
 * A job of a workflow as GET /workflow/{id}/job lists it.
 * @typedef {object} WorkflowJob
 * @property {string} id uuid
 * @property {string} name
 * @property {string} type build or approval
 * @property {string} status success, running, on_hold, blocked, failed, ...
 * @property {number} [job_number] approval jobs have none
 * @property {string} [approval_request_id] approval jobs only
 * @property {string} [approved_by] set once approved
 * @property {string[]} dependencies
 * @property {string} project_slug
 * @property {string} started_at
 * @property {string | null} stopped_at
 */

/**
 * A workflow in the shape of the OpenAPI `Workflow` schema, plus its jobs.
 * @typedef {object} Workflow
 * @property {string} id uuid
 * @property {string} name
 * @property {string} status success, running, not_run, failed, error, failing, on_hold, canceled or unauthorized
 * @property {string} pipeline_id
 * @property {number} pipeline_number
 * @property {string} project_slug
 * @property {string} started_by
 * @property {string} created_at
 * @property {string | null} stopped_at
 * @property {WorkflowJob[]} jobs not part of the API's workflow: what GET /workflow/{id}/job lists
 */

/**
 * A job as seeded (addWorkflow) or given by the `workflows` option.
 * @typedef {object} WorkflowJobSpec
 * @property {string} name
 * @property {'build' | 'approval'} type
 * @property {string} status
 * @property {string[]} [statuses] instead of `status`: one per read of its pipeline's workflow list, in step with its workflow's `statuses`; stays on the last
 * @property {string} [id]
 * @property {string} [approval_request_id] default: the job's id, as CircleCI does
 * @property {number} [job_number]
 */

/**
 * @typedef {object} WorkflowSpec
 * @property {string} name
 * @property {string[]} statuses one status per read of the pipeline's workflow list; stays on the last
 * @property {WorkflowJobSpec[]} [jobs]
 */

/**
 * A v1.1 build summary. Fields beyond the named ones are allowed (seeded builds may add any).
 * @typedef {{
 *   build_num: number, build_url: string, vcs_type: string, username: string, reponame: string,
 *   vcs_revision: string, branch: string | null, vcs_tag: string | null, lifecycle: string,
 *   status: string, outcome: string | null, why: string, build_parameters: Record<string, unknown>,
 *   [field: string]: unknown
 * }} Build
 */

/**
 * v2 job details (GET /project/{slug}/job/{number}).
 * @typedef {{
 *   number: number, name: string, status: string, parallelism: number,
 *   parallel_runs: Array<{index: number, status: string}>, project: {slug: string, [k: string]: unknown},
 *   [field: string]: unknown
 * }} JobDetails
 */

export {};
