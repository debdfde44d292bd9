/**
 * The ownership guard and what it decides: only a resource carrying both `sitebot:env=<env>` and
 * `sitebot:managed=true` is the env's; the env record's roles map to resource types; recorded
 * ids, merged lists and stored outputs are read strictly. Then `findOwnedWith` (what status and
 * the destroy confirmation count as still there) over stand-in units. Written against the
 * mutants that survived the destroy tests (quality/README.md).
 */
import type { DestroyDeps, TeardownAws } from '../../../../src/workflows/destroy/deps';
import type { Candidate } from '../../../../src/workflows/destroy/resources';
import type { FindInput, Unit } from '../../../../src/workflows/destroy/units/unit';

const calls: { type: string; aws: TeardownAws; input: FindInput }[] = [];
let found: Candidate[] = [];

// Two stand-in units in place of the real ones (which call AWS): each finds the candidates of its type.
jest.mock('../../../../src/workflows/destroy/units/all', () => {
  const unit = (type: string): Unit =>
    ({
      type,
      find: async (aws: TeardownAws, input: FindInput) => {
        calls.push({ type, aws, input });
        return found.filter((c) => c.type === type);
      },
      remove: async () => {
        throw new Error('findOwned never deletes');
      },
    }) as unknown as Unit;
  return { ALL_UNITS: [unit('instance'), unit('network-interface')] };
});

import { findOwnedWith } from '../../../../src/workflows/destroy/find-owned';
import {
  isOwned,
  notesOf,
  notTaggedReason,
  recordedIds,
  refsOf,
  typeOfRole,
  uniqueRefs,
} from '../../../../src/workflows/destroy/resources';
import { english } from '../../../../src/i18n/english';

const OWNED = { 'sitebot:env': 'demo', 'sitebot:managed': 'true' };

describe('isOwned', () => {
  test('both tags, exactly', () => {
    expect(isOwned(OWNED, 'demo')).toBe(true);
    expect(isOwned({ ...OWNED, Name: 'x' }, 'demo')).toBe(true);
  });

  test.each([
    ['another env', { ...OWNED, 'sitebot:env': 'demo2' }],
    ['no env tag', { 'sitebot:managed': 'true' }],
    ['no managed tag (half-tagged)', { 'sitebot:env': 'demo' }],
    ['managed not "true"', { ...OWNED, 'sitebot:managed': 'false' }],
    ['managed "TRUE"', { ...OWNED, 'sitebot:managed': 'TRUE' }],
    ['no tags', {}],
  ])('%s is not owned', (_label, tags) => {
    expect(isOwned(tags, 'demo')).toBe(false);
  });

  test('the reason given for a recorded resource that is not tagged', () => {
    expect(english(notTaggedReason('demo'))).toBe('not deleted: not tagged for demo');
  });
});

describe('typeOfRole', () => {
  test.each([
    ['vpc', 'vpc'],
    ['igw', 'internet-gateway'],
    ['public-route-table', 'route-table'],
    ['elb-sg', 'security-group'],
    ['web-sg', 'security-group'],
    ['db-sg', 'security-group'],
    ['credentials', 'secret'],
    ['web-role', 'iam-role'],
    ['web-instance-profile', 'instance-profile'],
    ['db-subnet-group', 'db-subnet-group'],
    ['db', 'db-instance'],
    ['web-1', 'instance'],
    ['web-2', 'instance'],
    ['web-ami', 'image'],
    ['target-group', 'target-group'],
    ['load-balancer', 'load-balancer'],
    ['listener', 'listener'],
    ['subnet-public-a', 'subnet'],
    ['subnet-private-c', 'subnet'],
    ['web-ami-snapshot-0', 'snapshot'],
    ['web-ami-snapshot-1', 'snapshot'],
  ])('%s is a %s', (role, type) => {
    expect(typeOfRole(role)).toBe(type);
  });

  test.each(['web-3', 'subnet', 'web-ami-snapshot', 'toString', 'constructor', ''])(
    '%j is no known role',
    (role) => {
      expect(typeOfRole(role)).toBeUndefined();
    },
  );
});

describe('recordedIds', () => {
  test('the non-empty ids of one type, in record order', () => {
    const recorded = {
      vpc: 'vpc-1',
      'subnet-public-a': 'subnet-a',
      'subnet-public-c': '',
      'subnet-private-a': 'subnet-b',
      'web-1': 'i-1',
      unknown: 'x-1',
    };
    expect(recordedIds(recorded, 'subnet')).toEqual(['subnet-a', 'subnet-b']);
    expect(recordedIds(recorded, 'vpc')).toEqual(['vpc-1']);
    expect(recordedIds(recorded, 'db-instance')).toEqual([]);
    expect(recordedIds({ vpc: 42 } as unknown as Record<string, string>, 'vpc')).toEqual([]);
  });
});

describe('uniqueRefs, refsOf, notesOf', () => {
  test('merging keeps the first of each type and id, in order', () => {
    const first = { type: 'subnet' as const, id: 's-1', reason: 'first' };
    const merged = uniqueRefs([
      [first, { type: 'vpc' as const, id: 's-1', reason: 'same id, other type' }],
      [
        { type: 'subnet' as const, id: 's-1', reason: 'again' },
        { type: 'subnet' as const, id: 's-2', reason: '' },
      ],
    ]);
    expect(merged).toEqual([
      first,
      { type: 'vpc', id: 's-1', reason: 'same id, other type' },
      { type: 'subnet', id: 's-2', reason: '' },
    ]);
  });

  test('stored outputs that are not lists read as empty', () => {
    const list = [{ type: 'vpc', id: 'vpc-1' }];
    expect(refsOf(list)).toBe(list);
    expect(notesOf(list)).toBe(list);
    for (const bad of [undefined, null, 'vpc-1', { 0: list[0] }]) {
      expect(refsOf(bad)).toEqual([]);
      expect(notesOf(bad)).toEqual([]);
    }
  });
});

describe('findOwnedWith', () => {
  const candidate = (over: Partial<Candidate>): Candidate => ({
    type: 'instance',
    id: 'i-1',
    tags: OWNED,
    recorded: false,
    ...over,
  });
  const deps = {
    ec2: 'ec2',
    rds: 'rds',
    elbv2: 'elbv2',
    secrets: 'secrets',
    iam: 'iam',
  } as unknown as DestroyDeps;

  beforeEach(() => {
    calls.length = 0;
    found = [];
  });

  test('asks every unit, with the env and its record, and keeps only what is owned', async () => {
    found = [
      candidate({ id: 'i-owned', facts: { attached: true } }),
      candidate({ id: 'i-other-env', tags: { ...OWNED, 'sitebot:env': 'other' } }),
      candidate({ id: 'i-recorded-untagged', tags: {}, recorded: true }),
      candidate({ type: 'network-interface', id: 'eni-free' }),
      candidate({ type: 'network-interface', id: 'eni-detached', facts: { attached: false } }),
      candidate({ type: 'network-interface', id: 'eni-attached', facts: { attached: true } }),
    ];
    const recorded = { 'web-1': 'i-recorded-untagged' };
    const refs = await findOwnedWith(deps)('demo', recorded);
    expect(refs).toEqual([
      { type: 'instance', id: 'i-owned' },
      { type: 'network-interface', id: 'eni-free' },
      { type: 'network-interface', id: 'eni-detached' },
    ]);
    expect(calls.map((c) => c.type)).toEqual(['instance', 'network-interface']);
    for (const call of calls) {
      expect(call.input).toEqual({ env: 'demo', recorded });
      expect(call.aws).toMatchObject({
        ec2: 'ec2',
        rds: 'rds',
        elbv2: 'elbv2',
        secrets: 'secrets',
        iam: 'iam',
      });
    }
  });

  test('an env with nothing owned finds nothing', async () => {
    found = [candidate({ tags: { 'sitebot:env': 'demo' } })];
    await expect(findOwnedWith(deps)('demo', {})).resolves.toEqual([]);
  });
});
