/**
 * The create's preflight, for real on the emulator through the CLI: a region at its VPC quota,
 * an instance type not offered in ap-northeast-1c, a MySQL version RDS does not offer on the
 * class. Each create is refused with exit 3 and one line that says which, the numbers and what
 * to do, and nothing is made: the emulator holds nothing new and the store holds no record.
 * `--dry-run` shows the same answer with the plan.
 */
import { CreateVpcCommand } from '@aws-sdk/client-ec2';
import { countResources } from '../../helpers/inventory';
import { useCliHarness } from './cli-harness';

const h = useCliHarness();

afterEach(async () => {
  await h.emu.admin('POST', '/_sandbox/reset');
});

/** Refused with nothing made: one stderr line, exit 3, no resource, no env, no run. */
async function expectRefusedWithNothingMade(env: string, line: RegExp): Promise<void> {
  const before = countResources(h.emu.world);
  const result = await h.run(['create', env]);
  expect(result.stdout).toBe('');
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(line);
  expect(result.code).toBe(3);
  expect(countResources(h.emu.world)).toEqual(before);
  expect(await h.store.environments.get(env)).toBeUndefined();
  expect(await h.store.runs.listByEnv(env)).toEqual([]);
  expect(await h.store.locks.get(env)).toBeUndefined();
}

test('a region at its VPC quota: refused with the numbers and what to do; nothing is made', async () => {
  // Two VPCs someone else made, in a region whose quota is two.
  for (const CidrBlock of ['10.1.0.0/16', '10.2.0.0/16'])
    await h.clients.ec2.send(new CreateVpcCommand({ CidrBlock }));
  await h.emu.admin('POST', '/_sandbox/quotas', { vpcsPerRegion: 2 });
  await expectRefusedWithNothingMade(
    'full',
    /^refused: full not created: VPCs in ap-northeast-1: 2 of 2 in use and this create needs 1 more: delete a VPC you no longer use, or request a higher "VPCs per Region" quota \(Service Quotas, vpc L-F678F1CE\)\n$/,
  );
});

test('the instance type not offered in 1c: refused, naming a pair of AZs that works', async () => {
  await h.emu.admin('POST', '/_sandbox/offerings', {
    removeInstanceTypes: [{ instanceType: 't3.micro', az: 'ap-northeast-1c' }],
  });
  await expectRefusedWithNothingMade(
    'noc',
    /^refused: noc not created: t3\.micro is not offered in ap-northeast-1c \(offered in ap-northeast-1a, ap-northeast-1d\): set SITEBOT_AZS=ap-northeast-1a,ap-northeast-1d \(two AZs that offer everything this create needs\)\n$/,
  );
});

test('a MySQL version not orderable on the class: refused; nothing is made', async () => {
  await h.emu.admin('POST', '/_sandbox/offerings', {
    removeDbOfferings: [{ instanceClass: 'db.t4g.micro', engineVersion: '8.4' }],
  });
  await expectRefusedWithNothingMade(
    'oldsql',
    /^refused: oldsql not created: RDS offers no MySQL 8\.4 on db\.t4g\.micro \(Multi-AZ\) in ap-northeast-1: use another region \(SITEBOT_REGION\), as no two AZs of ap-northeast-1 offer all this create needs\n$/,
  );
});

test('--dry-run shows the preflight with the plan, exits 3 when the create would be refused, makes nothing', async () => {
  const ok = await h.run(['create', 'plan', '--dry-run']);
  expect(ok.code).toBe(0);
  expect(ok.stdout).toContain('Preflight: the account has room and both AZs offer what this needs.');
  expect(ok.stdout).toMatch(/\n {2}ok {10}VPCs in ap-northeast-1: 0 of 5 in use; this create adds 1\n/);
  expect(ok.stdout).toMatch(/\n {2}ok {10}t3\.micro: offered in ap-northeast-1a and ap-northeast-1c\n/);

  await h.emu.admin('POST', '/_sandbox/quotas', { targetGroups: 0 });
  const refused = await h.run(['create', 'plan', '--dry-run', '--json']);
  expect(refused.code).toBe(3);
  const doc = JSON.parse(refused.stdout) as { preflight: { ok: boolean; refusal: string } };
  expect(doc.preflight.ok).toBe(false);
  expect(doc.preflight.refusal).toMatch(/^target groups in ap-northeast-1: 0 of 0 in use/);
  expect(countResources(h.emu.world)).toEqual({});
  expect(await h.store.environments.get('plan')).toBeUndefined();
});
