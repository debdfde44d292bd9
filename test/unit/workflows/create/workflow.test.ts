import { validateWorkflow } from '../../../../src/workflows/engine/dag';
import { CREATE_STEPS, createWorkflow } from '../../../../src/workflows/create/workflow';

const byId = new Map(CREATE_STEPS.map((s) => [s.id, s]));

/** Every step `id` transitively needs. */
function ancestors(id: string, seen = new Set<string>()): Set<string> {
  for (const n of byId.get(id)!.needs) {
    if (!seen.has(n)) {
      seen.add(n);
      ancestors(n, seen);
    }
  }
  return seen;
}

test('the DAG is valid: unique ids, every need exists, no cycles', () => {
  expect(() => validateWorkflow(createWorkflow)).not.toThrow();
  expect(new Set(CREATE_STEPS.map((s) => s.id)).size).toBe(CREATE_STEPS.length);
  for (const step of CREATE_STEPS) for (const n of step.needs) expect(byId.has(n)).toBe(true);
});

test('steps are listed after what they need (reads top to bottom like SPEC)', () => {
  const index = new Map(CREATE_STEPS.map((s, i) => [s.id, i]));
  for (const step of CREATE_STEPS)
    for (const n of step.needs) expect(index.get(n)!).toBeLessThan(index.get(step.id)!);
});

test('the database proceeds in parallel with the web tier and the load balancer', () => {
  for (const web of [
    'web-1',
    'web-ami',
    'web-2',
    'target-group',
    'load-balancer',
    'listener',
    'register-targets',
  ]) {
    expect(ancestors(web).has('database')).toBe(false);
    expect(ancestors('database').has(web)).toBe(false);
  }
  expect(ancestors('database')).toEqual(
    new Set(['db-subnet-group', 'subnets', 'vpc', 'security-groups', 'credentials', 'preflight']),
  );
});

test('web #2 comes from the AMI of web #1; the site step waits for healthy targets and the Multi-AZ DB', () => {
  expect(ancestors('web-2').has('web-ami')).toBe(true);
  expect(ancestors('web-ami').has('web-1')).toBe(true);
  expect(ancestors('site')).toEqual(new Set(CREATE_STEPS.map((s) => s.id).filter((id) => id !== 'site')));
});

test('web servers start only once the public route exists (user data downloads packages) and the role is ready', () => {
  for (const web of ['web-1', 'web-2']) {
    expect(ancestors(web).has('public-routes')).toBe(true);
    expect(ancestors(web).has('web-role')).toBe(true);
  }
  // An internet-facing ALB needs the VPC's internet gateway.
  expect(ancestors('load-balancer').has('internet-gateway')).toBe(true);
});

test('every step has a title and a deadline', () => {
  for (const s of CREATE_STEPS) {
    expect(s.title.length).toBeGreaterThan(3);
    expect(s.timeoutMs).toBeGreaterThan(0);
  }
});
