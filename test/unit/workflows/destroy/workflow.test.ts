/** The teardown DAG follows AWS's dependency rules and runs independent deletions side by side. */
import { defaultDurations } from '../../../../src/sandbox/aws/durations';
import { parallelGroups } from '../../../../src/workflows/create/plan';
import { destroyLowerBound } from '../../../../src/workflows/destroy/plan';
import { RESOURCE_TYPES } from '../../../../src/workflows/destroy/resources';
import { ALL_UNITS } from '../../../../src/workflows/destroy/units/all';
import {
  DESTROY_STEPS,
  destroyWorkflow,
  imageStep,
  loadBalancerStep,
  webRoleStep,
} from '../../../../src/workflows/destroy/workflow';
import { validateWorkflow } from '../../../../src/workflows/engine/dag';

const byId = new Map(DESTROY_STEPS.map((s) => [s.id, s]));

/** Every step `id` transitively needs. */
function ancestors(id: string): Set<string> {
  const out = new Set<string>();
  const visit = (s: string) => {
    for (const n of byId.get(s)?.needs ?? []) {
      if (out.has(n)) continue;
      out.add(n);
      visit(n);
    }
  };
  visit(id);
  return out;
}

describe('destroy workflow DAG', () => {
  it('is a valid workflow of kind destroy', () => {
    expect(destroyWorkflow.kind).toBe('destroy');
    expect(() => validateWorkflow(destroyWorkflow)).not.toThrow();
  });

  it.each([
    ['target-group', ['load-balancer']],
    ['db-subnet-group', ['database']],
    ['web-role', ['instances']],
    ['security-groups', ['load-balancer', 'instances', 'database']],
    ['route-table', ['load-balancer', 'instances']],
    ['internet-gateway', ['load-balancer', 'instances']],
    ['subnets', ['route-table', 'db-subnet-group', 'load-balancer', 'instances', 'database']],
    ['vpc', ['subnets', 'security-groups', 'route-table', 'internet-gateway', 'database', 'load-balancer']],
  ])('%s comes after %j', (step, before) => {
    expect([...ancestors(step)]).toEqual(expect.arrayContaining(before));
  });

  it('sweeps after every other step', () => {
    const others = DESTROY_STEPS.map((s) => s.id).filter((id) => id !== 'sweep');
    expect([...ancestors('sweep')].sort()).toEqual(others.sort());
  });

  it('starts the load balancer, instances, database, AMI and secret together, right after begin', () => {
    const groups = parallelGroups(DESTROY_STEPS).map((g) => g.map((s) => s.id));
    expect(groups[0]).toEqual(['begin']);
    expect(groups[1]).toEqual(
      expect.arrayContaining(['load-balancer', 'instances', 'database', 'image', 'secret']),
    );
  });

  it('deletes listeners before their load balancer, the AMI before its snapshots, the profile before the role', () => {
    expect(loadBalancerStep.units.map((u) => u.type)).toEqual(['listener', 'load-balancer']);
    expect(imageStep.units.map((u) => u.type)).toEqual(['image', 'snapshot']);
    expect(webRoleStep.units.map((u) => u.type)).toEqual(['instance-profile', 'iam-role']);
  });

  it('sweeps every resource type sitebot creates', () => {
    expect(ALL_UNITS.map((u) => u.type).sort()).toEqual([...RESOURCE_TYPES].sort());
  });

  it('is bounded below by the slowest wait: the DB deletion, the ALB ENI linger or instance shutdown', () => {
    const bound = destroyLowerBound(defaultDurations);
    expect(bound.totalMs).toBe(
      Math.max(
        defaultDurations.dbDelete,
        defaultDurations.albEniLinger,
        defaultDurations.instanceShuttingDown,
      ),
    );
    expect(bound.path[0]).toBe('begin');
    expect(bound.path).toContain('database');
    expect(bound.path[bound.path.length - 1]).toBe('sweep');
    expect(destroyLowerBound({ ...defaultDurations, albEniLinger: 20 * 60_000 }).path).toContain(
      'load-balancer',
    );
  });
});
