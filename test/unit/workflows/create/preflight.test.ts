/**
 * The preflight's rules, on facts made by hand: what refuses (a quota it would go past, an AZ,
 * type or DB offering missing), what never refuses (a fact that could not be read), the one
 * line a refusal is, the AZ pair it suggests; and its step, which skips when the caller checked.
 */
import { preflightLines } from '../../../../src/cli/preflight-lines';
import { english } from '../../../../src/i18n/english';
import { ENGLISH, textsFor } from '../../../../src/i18n/texts';
import {
  evaluatePreflight,
  sharedPreflight,
  summarizePreflight,
  suggestAzs,
  type AccountFacts,
  type PreflightSettings,
} from '../../../../src/workflows/create/preflight';
import { preflightStep } from '../../../../src/workflows/create/steps/preflight';
import { siteStep } from '../../../../src/workflows/create/steps/loadbalancer';
import { fakeContext, mockedDeps } from './fake-context';
import { inEnglish } from '../../../helpers/english-said';

const A = 'ap-northeast-1a';
const C = 'ap-northeast-1c';
const D = 'ap-northeast-1d';

const settings: PreflightSettings = {
  region: 'ap-northeast-1',
  azs: [A, C],
  instanceType: 't3.micro',
  dbClass: 'db.t4g.micro',
  engineVersion: '8.4',
  dbAllocatedStorageGb: 20,
};

const ok = <T>(value: T) => ({ ok: true as const, value });
const denied = { ok: false as const, error: 'AccessDeniedException: not allowed' };

/** A fresh account in ap-northeast-1: nothing used, AWS's defaults, everything offered in a, c, d. */
function facts(over: Partial<AccountFacts> = {}): AccountFacts {
  return {
    vpcQuota: ok({ value: 5, applied: true }),
    vpcCount: ok(0),
    elbLimits: ok({ 'application-load-balancers': 50, 'target-groups': 3000 }),
    albCount: ok(0),
    targetGroupCount: ok(0),
    rdsQuotas: ok({
      DBInstances: { used: 0, max: 40 },
      DBSubnetGroups: { used: 0, max: 50 },
      AllocatedStorage: { used: 0, max: 100_000 },
    }),
    zones: ok([A, C, D].map((name) => ({ name, state: 'available' }))),
    instanceTypeZones: ok([A, C, D]),
    dbOptions: ok([
      { engineVersion: '8.0.43', zones: [A, C, D], multiAzCapable: true },
      { engineVersion: '8.4.7', zones: [A, C, D], multiAzCapable: true },
    ]),
    ...over,
  };
}

describe('evaluatePreflight', () => {
  test('a fresh account: every check passes, with its numbers', () => {
    const report = evaluatePreflight(facts(), settings, 'now');
    expect(report.ok).toBe(true);
    expect(report.refusal).toBeUndefined();
    expect(preflightLines(ENGLISH, report)).toEqual([
      'ok          VPCs in ap-northeast-1: 0 of 5 in use; this create adds 1',
      'ok          Application Load Balancers in ap-northeast-1: 0 of 50 in use; this create adds 1',
      'ok          target groups in ap-northeast-1: 0 of 3000 in use; this create adds 1',
      'ok          RDS DB instances in ap-northeast-1: 0 of 40 in use; this create adds 1',
      'ok          RDS DB subnet groups in ap-northeast-1: 0 of 50 in use; this create adds 1',
      'ok          RDS storage in ap-northeast-1: 0 of 100000 GiB in use; this create adds 20 GiB',
      `ok          AZs ${A} and ${C}: available`,
      `ok          t3.micro: offered in ${A} and ${C}`,
      `ok          MySQL 8.4 on db.t4g.micro (Multi-AZ): orderable in ${A} and ${C}`,
    ]);
  });

  test('a quota is refused only when this create would go past it', () => {
    expect(evaluatePreflight(facts({ vpcCount: ok(4) }), settings, 'now').ok).toBe(true);
    const full = evaluatePreflight(facts({ vpcCount: ok(5) }), settings, 'now');
    expect(full.ok).toBe(false);
    expect(english(full.refusal)).toBe(
      'VPCs in ap-northeast-1: 5 of 5 in use and this create needs 1 more: delete a VPC you no longer use, ' +
        'or request a higher "VPCs per Region" quota (Service Quotas, vpc L-F678F1CE)',
    );
    const storage = evaluatePreflight(
      facts({
        rdsQuotas: ok({
          DBInstances: { used: 3, max: 40 },
          DBSubnetGroups: { used: 3, max: 50 },
          AllocatedStorage: { used: 99_990, max: 100_000 },
        }),
      }),
      settings,
      'now',
    );
    expect(english(storage.refusal)).toMatch(
      /^RDS storage in ap-northeast-1: 99990 of 100000 GiB in use and this create needs 20 GiB more: /,
    );
  });

  test('several refusals are one line, each saying which and what to do', () => {
    const report = evaluatePreflight(
      facts({ albCount: ok(50), targetGroupCount: ok(3000) }),
      settings,
      'now',
    );
    expect(
      english(report.refusal)
        .split('; ')
        .map((part) => part.split(':')[0]),
    ).toEqual(['Application Load Balancers in ap-northeast-1', 'target groups in ap-northeast-1']);
    expect(english(report.refusal)).not.toContain('\n');
  });

  test('a fact that could not be read is reported as not checked and never refuses', () => {
    const report = evaluatePreflight(
      facts({ vpcQuota: denied, dbOptions: denied, instanceTypeZones: denied }),
      settings,
      'now',
    );
    expect(report.ok).toBe(true);
    expect(report.checks.filter((c) => c.status === 'unknown').map((c) => english(c.text))).toEqual([
      'VPCs in ap-northeast-1: not checked (AccessDeniedException: not allowed)',
      't3.micro: not checked (AccessDeniedException: not allowed)',
      'MySQL 8.4 on db.t4g.micro (Multi-AZ): not checked (AccessDeniedException: not allowed)',
    ]);
  });

  test('the VPC quota without an applied value is AWS default, and says so', () => {
    const report = evaluatePreflight(facts({ vpcQuota: ok({ value: 5, applied: false }) }), settings, 'now');
    expect(english(report.checks[0].text)).toBe(
      'VPCs in ap-northeast-1 (AWS default quota): 0 of 5 in use; this create adds 1',
    );
  });

  test('the instance type missing in 1c: refused, naming a pair that offers everything', () => {
    const report = evaluatePreflight(facts({ instanceTypeZones: ok([A, D]) }), settings, 'now');
    expect(report.suggestedAzs).toEqual([A, D]);
    expect(english(report.refusal)).toBe(
      `t3.micro is not offered in ${C} (offered in ${A}, ${D}): set SITEBOT_AZS=${A},${D} ` +
        '(two AZs that offer everything this create needs)',
    );
  });

  test('problems that share a fix are named before it once', () => {
    const report = evaluatePreflight(
      facts({
        instanceTypeZones: ok([A, D]),
        dbOptions: ok([{ engineVersion: '8.4.7', zones: [A, D], multiAzCapable: true }]),
      }),
      settings,
      'now',
    );
    expect(english(report.refusal)).toBe(
      `t3.micro is not offered in ${C} (offered in ${A}, ${D}); ` +
        `MySQL 8.4 on db.t4g.micro (Multi-AZ) is not orderable in ${C} (orderable in ${A}, ${D}): ` +
        `set SITEBOT_AZS=${A},${D} (two AZs that offer everything this create needs)`,
    );
  });

  test('an AZ that does not exist or is impaired', () => {
    const report = evaluatePreflight(
      facts({
        zones: ok([
          { name: A, state: 'impaired' },
          { name: C, state: 'available' },
          { name: D, state: 'available' },
        ]),
      }),
      { ...settings, azs: [A, 'ap-northeast-1b'] },
      'now',
    );
    expect(english(report.checks.find((c) => c.id === 'azs')?.text)).toBe(
      `AZ ${A} is impaired, AZ ap-northeast-1b does not exist (ap-northeast-1 has ${C}, ${D} available): ` +
        `set SITEBOT_AZS=${C},${D} (two AZs that offer everything this create needs)`,
    );
  });

  test('the DB: a major version matches its minors; Multi-AZ needs a Multi-AZ-capable offering', () => {
    const only80 = facts({
      dbOptions: ok([{ engineVersion: '8.0.43', zones: [A, C, D], multiAzCapable: true }]),
    });
    const refused = evaluatePreflight(only80, settings, 'now');
    expect(english(refused.refusal)).toBe(
      'RDS offers no MySQL 8.4 on db.t4g.micro (Multi-AZ) in ap-northeast-1: use another region ' +
        '(SITEBOT_REGION), as no two AZs of ap-northeast-1 offer all this create needs',
    );
    expect(evaluatePreflight(only80, { ...settings, engineVersion: '8.0.43' }, 'now').ok).toBe(true);
    const singleAzOnly = facts({
      dbOptions: ok([{ engineVersion: '8.4.7', zones: [A, C], multiAzCapable: false }]),
    });
    expect(evaluatePreflight(singleAzOnly, settings, 'now').ok).toBe(false);
    expect(evaluatePreflight(singleAzOnly, settings, 'later').ok).toBe(false);
    expect(evaluatePreflight(singleAzOnly, settings, 'off').ok).toBe(true);
  });
});

describe("in the reader's language", () => {
  const ja = textsFor({ lang: 'ja', timeZone: 'Asia/Tokyo' });
  const refusedInC = facts({ vpcCount: ok(5), instanceTypeZones: ok([A, D]), vpcQuota: denied });

  test('Japanese: every check line, the refusal and the step note are Japanese, numbers and codes kept', () => {
    const full = evaluatePreflight(facts({ vpcCount: ok(5) }), settings, 'now');
    const lines = preflightLines(ja, full);
    expect(lines[0]).toBe(
      '拒否   ap-northeast-1 の VPC: 上限 5 のうち 5 を使用中で、この作成にはあと 1 必要です: ' +
        '使っていない VPC を削除するか、「リージョンあたりの VPC の数」のクォータの引き上げをリクエストしてください ' +
        '(Service Quotas、vpc L-F678F1CE)',
    );
    expect(lines[5]).toBe(
      'OK     ap-northeast-1 の RDS ストレージ: 上限 100000 GiB のうち 0 GiB を使用中、この作成で 20 GiB 増えます',
    );
    const report = evaluatePreflight(refusedInC, settings, 'now');
    expect(ja.said(report.refusal)).toBe(
      `t3.micro は ${C} で提供されていません (提供されている AZ: ${A}、${D}): ` +
        `SITEBOT_AZS=${A},${D} を設定してください (この作成に必要なものをすべて提供している 2 つの AZ です)`,
    );
    expect(ja.said(summarizePreflight(evaluatePreflight(refusedInC, settings, 'off')))).toMatch(
      /^\d+ 件を通過、1 件は未確認: ap-northeast-1 の VPC: 未確認 \(AccessDeniedException: not allowed\)$/,
    );
    // No English word of ours is left: only AWS's names, the settings' names and ids (with digits).
    const ours = (text: string) =>
      text
        .replace(
          /Application Load Balancer|Service Quotas|AccessDeniedException|not allowed|SITEBOT_[A-Z]+/g,
          '',
        )
        .replace(/\S*\d\S*/g, '');
    for (const text of [...preflightLines(ja, full), ...preflightLines(ja, report), ja.said(report.refusal)])
      expect(ours(text)).not.toMatch(/\b(?!(GiB|MySQL|OK|RDS|VPC|DB|AZ|AWS)\b)[a-z]{2,}\b/i);
  });

  test('English for JSON and logs; a plain string (an older record) is shown as it is', () => {
    const report = evaluatePreflight(refusedInC, settings, 'now');
    const plain = inEnglish(report);
    expect(plain.refusal).toBe(english(report.refusal));
    expect(plain.checks.map((c) => c.text)).toEqual(report.checks.map((c) => english(c.text)));
    expect(JSON.parse(JSON.stringify(plain)).checks[0].text).toMatch(/^VPCs in ap-northeast-1: not checked/);
    // A note or a refusal written before the preflight was said: plain text, shown unchanged.
    const old = 'VPCs in ap-northeast-1: 5 of 5 in use and this create needs 1 more: delete a VPC';
    expect(ja.said(old)).toBe(old);
    expect(ja.said({ key: 'work.preflightRefused', args: { refusal: old } })).toBe(
      `何も作る前に拒否しました: ${old}`,
    );
  });
});

describe('suggestAzs', () => {
  test('keeps the configured AZs that work, fills from the region in order, or finds none', () => {
    expect(suggestAzs({ zones: [A, C, D], typeZones: [A, D] }, [C, A])).toEqual([A, D]);
    expect(suggestAzs({ zones: [A, C, D], dbZones: [C, D] }, [A, C])).toEqual([C, D]);
    expect(suggestAzs({ zones: [A, C, D], typeZones: [A], dbZones: [A, C, D] }, [A, C])).toBeUndefined();
    // What could not be read restricts nothing.
    expect(suggestAzs({ typeZones: [C, D] }, [A, C])).toEqual([C, D]);
  });
});

describe('sharedPreflight', () => {
  test('calls made while one is under way share it; a call after it answered reads again', async () => {
    const deps = mockedDeps();
    const reads = jest.spyOn(deps.limits, 'vpcCount').mockResolvedValue(0);
    for (const method of [
      'vpcQuota',
      'elbLimits',
      'applicationLoadBalancerCount',
      'targetGroupCount',
      'rdsQuotas',
      'availabilityZones',
      'instanceTypeZones',
      'orderableDbOptions',
    ] as const)
      jest.spyOn(deps.limits, method).mockRejectedValue(new Error('not needed here'));
    const preflight = sharedPreflight(deps.limits, settings);
    const [first, second] = await Promise.all([preflight('now'), preflight('now')]);
    expect(second).toBe(first);
    expect(reads).toHaveBeenCalledTimes(1);
    await preflight('now');
    expect(reads).toHaveBeenCalledTimes(2);
  });
});

describe('the preflight step', () => {
  test('records a check the caller made before the run, without reading anything', async () => {
    const deps = mockedDeps();
    const read = jest.spyOn(deps.limits, 'vpcQuota');
    const ctx = fakeContext(deps, { params: { multiAz: 'now', preflightPassedAt: 1_234 } });
    expect(inEnglish(await preflightStep.run(ctx))).toEqual({
      status: 'done',
      outputs: { checkedBeforeStart: 1_234 },
      note: 'quotas and offerings checked before the run started',
    });
    expect(read).not.toHaveBeenCalled();
  });
});

describe('the site step', () => {
  const outputs = {
    'load-balancer': { dnsName: 'demo-alb.example' },
    database: { dbEndpoint: 'demo-db.example' },
  };

  test('with siteCheck off it never asks the site, and says the site was not checked', async () => {
    const deps = mockedDeps();
    deps.probe = jest.fn(async () => 200);
    const result = await siteStep.run(
      fakeContext(deps, { outputs, params: { multiAz: 'now', siteCheck: false } }),
    );
    expect(deps.probe).not.toHaveBeenCalled();
    expect(inEnglish(result)).toMatchObject({
      status: 'done',
      outputs: { siteChecked: false },
      note: 'the site was not checked',
    });
  });

  test('otherwise it waits until the site answers 200', async () => {
    const deps = mockedDeps();
    deps.probe = jest.fn(async () => 502);
    const result = await siteStep.run(fakeContext(deps, { outputs }));
    expect(deps.probe).toHaveBeenCalledWith('http://demo-alb.example/');
    expect(inEnglish(result)).toMatchObject({ status: 'wait', note: 'site answers 502' });
  });
});
