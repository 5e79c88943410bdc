import {pathSegments} from './suggest.js'

/**
 * Operations Datadog serves that its published specs lack, found by replaying recorded traffic (test/replay): the
 * checks before sending must not refuse them. Each is `METHOD /path`, as recorded with a 2xx answer.
 */
export const SPEC_GAPS: readonly string[] = [
  // ListWorkflows: the spec has only CreateWorkflow (POST) on this path.
  'GET /api/v2/workflows',
]

/** Whether a request is one of the operations the specs lack. */
export function isSpecGap(method: string, path: string): boolean {
  const key = `${method.toUpperCase()} /${pathSegments(path).join('/')}`
  return SPEC_GAPS.includes(key)
}
