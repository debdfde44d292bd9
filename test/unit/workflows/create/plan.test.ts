import { ENGLISH, textsFor } from '../../../../src/i18n/texts';
import { DEFAULT_CREATE_CONFIG, type CreateConfig } from '../../../../src/workflows/create/deps';
import {
  buildCreatePlan,
  createStepDurations,
  criticalPath,
  HANDS_ON_ORDER,
  parallelGroups,
  sequentialMs,
  sequentialSteps,
} from '../../../../src/workflows/create/plan';
import { CREATE_STEPS } from '../../../../src/workflows/create/workflow';
import { english } from '../../../../src/i18n/english';

const config: CreateConfig = {
  ...DEFAULT_CREATE_CONFIG,
  region: 'ap-northeast-1',
  azs: ['ap-northeast-1a', 'ap-northeast-1c'],
};

describe('parallelGroups', () => {
  test('levels follow the longest chain of needs', () => {
    const steps = [
      { id: 'a', needs: [] },
      { id: 'b', needs: ['a'] },
      { id: 'c', needs: [] },
      { id: 'd', needs: ['b', 'c'] },
    ];
    expect(parallelGroups(steps).map((g) => g.map((s) => s.id))).toEqual([['a', 'c'], ['b'], ['d']]);
  });
  test('a cycle is refused', () => {
    expect(() =>
      parallelGroups([
        { id: 'a', needs: ['b'] },
        { id: 'b', needs: ['a'] },
      ]),
    ).toThrow(/cycle/);
  });
});

describe('the create plan', () => {
  const plan = buildCreatePlan('demo', 'now', config);

  test('covers every step once, each after all it needs', () => {
    const order = plan.groups.flat().map((s) => s.id);
    expect([...order].sort()).toEqual(CREATE_STEPS.map((s) => s.id).sort());
    const groupOf = new Map(plan.groups.flatMap((g, i) => g.map((s) => [s.id, i] as const)));
    for (const s of plan.groups.flat())
      for (const n of s.needs) expect(groupOf.get(n)!).toBeLessThan(groupOf.get(s.id)!);
  });

  test('starts with the preflight alone, then the VPC and the credentials together', () => {
    expect(plan.groups[0].map((s) => s.id)).toEqual(['preflight']);
    expect(plan.groups[0][0].resources).toEqual([]);
    expect(plan.groups[1].map((s) => s.id).sort()).toEqual(['credentials', 'vpc']);
  });

  test('lists every SPEC resource with its name', () => {
    const names = plan.resources.map((r) => `${r.type}:${r.name}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'vpc:demo-vpc',
        'subnet:demo-public-a',
        'subnet:demo-public-c',
        'subnet:demo-private-a',
        'subnet:demo-private-c',
        'internet-gateway:demo-igw',
        'route-table:demo-public-rt',
        'security-group:demo-elb-sg',
        'security-group:demo-web-sg',
        'security-group:demo-db-sg',
        'secret:sitebot/demo/credentials',
        'iam-role:sitebot-demo-web',
        'instance-profile:sitebot-demo-web',
        'db-subnet-group:sitebot-demo-db-subnets',
        'db-instance:sitebot-demo-db',
        'instance:demo-web-1',
        'image:demo-web-ami',
        'instance:demo-web-2',
        'target-group:demo-tg',
        'load-balancer:demo-alb',
      ]),
    );
    expect(english(plan.resources.find((r) => r.name === 'sitebot-demo-db')?.detail)).toContain('Multi-AZ');
    expect(plan.resources.some((r) => r.type === 'db-standby')).toBe(false);
  });

  test('--multi-az later adds the conversion; off has none', () => {
    const later = buildCreatePlan('demo', 'later', config);
    expect(english(later.resources.find((r) => r.name === 'sitebot-demo-db')?.detail)).toContain(
      'single-AZ in ap-northeast-1a',
    );
    expect(later.resources.some((r) => r.type === 'db-standby')).toBe(true);
    expect(buildCreatePlan('demo', 'off', config).resources.some((r) => r.type === 'db-standby')).toBe(false);
  });

  test('every planned step has a title in both languages', () => {
    for (const t of [ENGLISH, textsFor({ lang: 'ja', timeZone: 'Asia/Tokyo' })])
      for (const s of plan.groups.flat())
        expect(t.steps.create[s.id as keyof typeof t.steps.create].title.length).toBeGreaterThan(2);
  });
});

describe('criticalPath', () => {
  const steps = [
    { id: 'a', needs: [] },
    { id: 'b', needs: ['a'] },
    { id: 'c', needs: ['a'] },
    { id: 'd', needs: ['b', 'c'] },
  ];
  test('is the longest weighted chain', () => {
    expect(criticalPath({ a: 1, b: 5, c: 2, d: 1 }, steps)).toMatchObject({
      totalMs: 7,
      path: ['a', 'b', 'd'],
    });
    expect(criticalPath({ a: 1, b: 1, c: 9, d: 1 }, steps)).toMatchObject({
      totalMs: 11,
      path: ['a', 'c', 'd'],
    });
  });
  test('missing durations count as 0', () => {
    expect(criticalPath({}, steps).totalMs).toBe(0);
  });

  const model = {
    instancePending: 30_000,
    instanceBoot: 60_000,
    imageCreate: 240_000,
    dbCreate: 480_000,
    dbCreateMultiAz: 720_000,
    dbModifyMultiAz: 900_000,
    albProvisioning: 180_000,
    healthCheckInterval: 30_000,
    healthyThreshold: 5,
  };
  test('for the create workflow: the DB bounds a Multi-AZ create; the web chain runs beside it', () => {
    const now = criticalPath(createStepDurations(model, 'now'));
    expect(now.totalMs).toBe(720_000);
    expect(now.path).toEqual([
      'preflight',
      'vpc',
      'subnets',
      'db-subnet-group',
      'database',
      'database-multi-az',
      'site',
    ]);
    // The web chain: web-1 30 s + AMI 240 s + web-2 30 s + boot 60 s + one 30 s check = 390 s < 720 s.
    expect(now.finishAt['targets-healthy']).toBe(390_000);
    expect(criticalPath(createStepDurations(model, 'later')).totalMs).toBe(480_000 + 900_000);
  });
});

describe('the hands-on sequential baseline', () => {
  test('HANDS_ON_ORDER is a valid order of every create step; chaining keeps each step otherwise unchanged', () => {
    const chained = sequentialSteps(CREATE_STEPS);
    expect(chained.map((s) => s.id)).toEqual([...HANDS_ON_ORDER]);
    expect(chained[0].needs).toEqual([]);
    for (let i = 1; i < chained.length; i++) expect(chained[i].needs).toEqual([HANDS_ON_ORDER[i - 1]]);
    expect(chained.find((s) => s.id === 'database')!.run).toBe(
      CREATE_STEPS.find((s) => s.id === 'database')!.run,
    );
    expect(parallelGroups(chained).every((g) => g.length === 1)).toBe(true);
  });

  test('an order that breaks a need or misses a step is refused', () => {
    const swapped = [...HANDS_ON_ORDER];
    [swapped[1], swapped[2]] = [swapped[2], swapped[1]];
    expect(() => sequentialSteps(CREATE_STEPS, swapped)).toThrow('puts "subnets" before "vpc"');
    expect(() => sequentialSteps(CREATE_STEPS, HANDS_ON_ORDER.slice(1))).toThrow('every step');
  });

  test('sequential time is the sum; the DAG lower bound is at most half of it here', () => {
    const durations = {
      database: 720_000,
      'web-1': 30_000,
      'web-ami': 240_000,
      'web-2': 30_000,
      'load-balancer': 180_000,
    };
    expect(sequentialMs(durations)).toBe(1_200_000);
    expect(criticalPath(durations).totalMs).toBe(720_000);
  });
});
