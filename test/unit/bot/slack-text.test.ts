/**
 * Issue 13's text rules for real Slack, on the views themselves: one escaping function for every
 * interpolated text (placeholders render as typed, nothing typed becomes a mention or a link),
 * every message within Block Kit's limits at 200 environments, confirm dialogs in plain_text, no
 * block_id reused across messages (the bot sets none), and users always as `<@U…>`.
 */
import type { CostEstimate } from '../../../src/cost/estimator';
import { renderDestroyConfirmation } from '../../../src/bot/views/destroy-confirmation';
import { PAGE_SIZE, renderList, renderStatusAll } from '../../../src/bot/views/environments';
import { renderCommandError } from '../../../src/bot/views/error';
import { renderHelp } from '../../../src/bot/views/help';
import { code, escapeMrkdwn, mention, mrkdwn } from '../../../src/bot/views/mrkdwn';
import { renderBusy, renderInUse } from '../../../src/bot/views/refusals';
import { renderDigest, renderExpiryWarning, renderOverdue } from '../../../src/bot/views/reminders';
import type { Environment } from '../../../src/state/types';
import { blockKitProblems, shown, type SlackMessageLike } from '../../helpers/block-kit';
import { storedEnvironment } from '../../helpers/records';
import { renderExplainedSteps, renderExplanation } from '../../../src/bot/views/explanation';
import { renderEnvStatus } from '../../../src/bot/views/environments';
import { WORKFLOW_STEPS } from '../../../src/bot/workflow-steps';
import { ENGLISH, textsFor } from '../../../src/i18n/texts';
import { checkMessage } from '../../../src/sandbox/slack/message-check';
import type { Run } from '../../../src/state/types';
import { createFacts } from '../../../src/workflows/create/explain-facts';
import { resolveCreateConfig } from '../../../src/workflows/create/deps';
import { WORKFLOW_OUTLINES } from '../../../src/workflows/outlines';

const H = 3_600_000;
const T0 = Date.UTC(2026, 11, 1, 12, 0, 0);
const LIMITS = { defaultTtlMs: 24 * H, maxTtlMs: 7 * 24 * H };

const cost = (perDay: number): CostEstimate => ({
  region: 'ap-northeast-1',
  perHour: perDay / 24,
  perDay,
  perMonth: (perDay / 24) * 730,
  soFar: perDay / 3,
  lines: [],
  assumptions: { key: '' },
});

/** 200 environments with the longest names and owners the rules allow, and outputs. */
function manyEnvs(n = 200): Environment[] {
  return Array.from({ length: n }, (_, i) =>
    storedEnvironment({
      name: `env-${String(i).padStart(3, '0')}-abcdefghijk`.slice(0, 20),
      owner: i % 2 === 0 ? `U${String(i).padStart(10, '0')}` : `someone.with.a.long.name-${i}`,
      status: i % 5 === 0 ? 'creating' : 'ready',
      createdAt: T0 - i * H,
      expiresAt: T0 + 7 * 24 * H - i * 60_000,
      outputs: {
        siteUrl: `http://env-${i}-alb-1234567890.ap-northeast-1.elb.amazonaws.com/`,
        dbEndpoint: `env-${i}-db.abcdefghijkl.ap-northeast-1.rds.amazonaws.com`,
        azs: 'ap-northeast-1a, ap-northeast-1c',
      },
      currentRunId: i % 5 === 0 ? `run-${i}` : undefined,
    }),
  );
}

const costsOf = (envs: Environment[]) => new Map(envs.map((e, i) => [e.name, cost(1 + (i % 7))]));

function expectValid(message: SlackMessageLike): void {
  expect(blockKitProblems(message)).toEqual([]);
}

describe('one escaping function', () => {
  test('escapes &, < and > in literal text and in values, and nothing else', () => {
    const typed = '<!channel> & <@U999> *bold* _it_';
    const text = mrkdwn`Extend with \`/site extend <env> <dur>\`: ${typed}`.text;
    expect(text).toBe(
      'Extend with `/site extend &lt;env&gt; &lt;dur&gt;`: &lt;!channel&gt; &amp; &lt;@U999&gt; *bold* _it_',
    );
    expect(shown(text)).toBe(`Extend with \`/site extend <env> <dur>\`: ${typed}`);
    expect(escapeMrkdwn('a&b<c>d')).toBe('a&amp;b&lt;c&gt;d');
  });

  test('keeps what is already mrkdwn (a mention, a code span, another template) as it is', () => {
    const inner = mrkdwn`*${'x<y'}*`;
    expect(mrkdwn`${mention('U123')} said ${inner} in ${code('a`b<c')}`.text).toBe(
      "<@U123> said *x&lt;y* in `a'b&lt;c`",
    );
  });

  test('users: a Slack id as a mention, anyone else (the CLI’s local user) by name', () => {
    expect(mention('U0ABCDEF12').text).toBe('<@U0ABCDEF12>');
    expect(mention('W0ABCDEF12').text).toBe('<@W0ABCDEF12>');
    expect(mention('alice').text).toBe('alice');
    expect(mention('<!here>').text).toBe('&lt;!here&gt;');
  });

  test('help and errors: placeholders reach the reader as typed', () => {
    const help = renderHelp(ENGLISH, LIMITS);
    expectValid(help);
    expect(shown(JSON.stringify(help))).toContain('/site create <env> [--ttl <dur>]');
    expect(JSON.stringify(help)).not.toContain('<env>');
    const error = renderCommandError(
      ENGLISH,
      "env name '<@U1>' may only contain lowercase letters",
      'create',
    );
    expectValid(error);
    expect(error.text).toBe(":warning: env name '&lt;@U1&gt;' may only contain lowercase letters");
  });
});

describe('at 200 environments every message is within Block Kit’s limits', () => {
  const envs = manyEnvs();
  const costs = costsOf(envs);

  test('list: paged, every page valid, the pages together name every environment once', () => {
    const pages = Math.ceil(envs.length / PAGE_SIZE);
    const seen: string[] = [];
    for (let page = 1; page <= pages; page++) {
      const reply = renderList(ENGLISH, envs, T0, costs, page);
      expectValid(reply);
      const text = shown(JSON.stringify(reply.blocks));
      expect(text).toContain('200 environments: 160 ready, 40 being created');
      expect(text).toContain(`Page ${page} of ${pages}`);
      for (const e of envs) if (text.includes(`*${e.name}*`)) seen.push(e.name);
    }
    expect(seen.sort()).toEqual(envs.map((e) => e.name).sort());
    // Past the last page: the last page, not an empty or broken message.
    expectValid(renderList(ENGLISH, envs, T0, costs, 99));
  });

  test('status of all: paged and valid, with the runs under way', () => {
    const pages = Math.ceil(envs.length / PAGE_SIZE);
    for (let page = 1; page <= pages; page++)
      expectValid(renderStatusAll(ENGLISH, envs, T0, new Map(), page, costs));
  });

  test('the digest: the costliest in full, the rest summed up, all valid', () => {
    const digest = renderDigest(ENGLISH, envs, T0, costs);
    expectValid(digest);
    const text = shown(JSON.stringify(digest.blocks));
    expect(text).toContain('Running environments (200)');
    expect(text).toContain('…and 170 more environments costing');
    expect(shown(digest.text)).toMatch(/^200 running environments; Channel total: \$\d/);
  });

  test('reminders and the destroy confirmation, with the longest names', () => {
    const env = envs[1];
    expectValid(renderExpiryWarning(ENGLISH, env, T0, cost(3)));
    expectValid(renderOverdue(ENGLISH, { ...env, expiresAt: T0 - H }, T0, cost(3)));
    for (const createRunning of [false, true]) {
      expectValid(
        renderDestroyConfirmation(ENGLISH, {
          env,
          requestedBy: 'U0ABCDEF12',
          resources: Array.from({ length: 40 }, (_, i) => ({ type: 'subnet' as const, id: `subnet-${i}` })),
          searchedByTag: true,
          ageMs: 3 * H,
          cost: cost(3),
          createRunning,
        }),
      );
    }
  });
});

describe('buttons', () => {
  const env = storedEnvironment({ name: 'demo', owner: 'UOWNER', createdAt: T0 - H, expiresAt: T0 + H });
  const confirmation = (createRunning: boolean) =>
    renderDestroyConfirmation(ENGLISH, {
      env,
      requestedBy: 'UOWNER',
      resources: [],
      searchedByTag: false,
      ageMs: H,
      cost: undefined,
      createRunning,
    });

  test('confirm dialogs are plain_text, every part of them', () => {
    for (const createRunning of [false, true]) {
      const json = JSON.stringify(confirmation(createRunning).blocks);
      const dialogs = [
        ...json.matchAll(
          /"confirm":\{"title":(\{[^}]*\}),"text":(\{[^}]*\}),"confirm":(\{[^}]*\}),"deny":(\{[^}]*\})/g,
        ),
      ];
      expect(dialogs).toHaveLength(1);
      for (const part of dialogs[0].slice(1)) expect(JSON.parse(part)).toMatchObject({ type: 'plain_text' });
    }
  });

  test('the button and every text about it say the same words', () => {
    const running = shown(JSON.stringify(confirmation(true)));
    expect(running).toContain('"text":"Cancel and destroy"');
    expect(running).toContain('*Cancel and destroy* stops it first');
    expect(running).toContain('Only the owner or an admin can press *Cancel and destroy*.');
    const ready = shown(JSON.stringify(confirmation(false)));
    expect(ready).toContain('Only the owner or an admin can press *Destroy*.');
    expect(ready).not.toContain('Cancel and destroy');
  });

  test('no block_id is set, so none is ever reused across messages (Slack gives fresh ones)', () => {
    const messages = [
      confirmation(false),
      confirmation(true),
      renderExpiryWarning(ENGLISH, env, T0, cost(3)),
      renderOverdue(ENGLISH, { ...env, expiresAt: T0 - H }, T0, cost(3)),
      renderList(ENGLISH, manyEnvs(30), T0),
      renderHelp(ENGLISH, LIMITS),
    ];
    for (const m of messages) expect(JSON.stringify(m)).not.toContain('block_id');
  });
});

describe('refusals name users as Slack shows them', () => {
  test('in use and busy: a Slack owner as a mention, a CLI owner by name', () => {
    const owned = storedEnvironment({ name: 'demo', owner: 'U0OWNER', status: 'ready', createdAt: T0 });
    expect(renderInUse(ENGLISH, owned).text).toContain('owner <@U0OWNER>');
    expect(renderInUse(ENGLISH, { ...owned, owner: 'alice' }).text).toContain('owner alice,');
    const lock = { env: 'demo', runId: 'r1', kind: 'destroy' as const, holder: 'U0HOLDER', acquiredAt: T0 };
    const busy = renderBusy(ENGLISH, { lock }, T0 + 5 * 60_000, []);
    expect(busy.text).toBe(
      ':no_entry: *demo* is busy: a destroy started by <@U0HOLDER> 5m ago is still running. Try again once it has finished.',
    );
    expect(busy.response_type).toBe('ephemeral');
  });
});

/**
 * The same long messages in Japanese, through the strict Slack stand-in's own check
 * (src/sandbox/slack/message-check.ts): Japanese texts are shorter in characters but not always,
 * and a cut in the middle of one must still leave valid mrkdwn.
 */
describe('in Japanese too, the long messages are within Slack’s limits', () => {
  const JA = textsFor({ lang: 'ja', timeZone: 'Asia/Tokyo' });
  const envs = manyEnvs();
  const costs = costsOf(envs);
  const JAPANESE = /[\u3040-\u30ff]/;

  function expectAccepted(message: SlackMessageLike): void {
    expect(blockKitProblems(message)).toEqual([]);
    const verdict = checkMessage({ text: message.text, blocks: message.blocks });
    expect(verdict.ok ? [] : verdict.problems).toEqual([]);
    expect(shown(`${message.text ?? ''}${JSON.stringify(message.blocks)}`)).toMatch(JAPANESE);
  }

  /** A create under way for every fifth env, each step in some state. */
  const runs = new Map<string, Run>(
    envs
      .filter((e) => e.currentRunId)
      .map((e) => {
        const steps = Object.fromEntries(
          WORKFLOW_OUTLINES.create.steps.map((st, i) => [
            st.id,
            i < 8
              ? { status: 'done' as const, attempts: 1, startedAt: T0 - H, finishedAt: T0 - H + i * 60_000 }
              : { status: 'waiting' as const, attempts: 3, startedAt: T0 - 10 * 60_000 },
          ]),
        );
        const run: Run = {
          runId: e.currentRunId as string,
          env: e.name,
          kind: 'create',
          status: 'running',
          requestedBy: e.owner,
          params: { lang: 'ja' },
          steps,
          createdAt: T0 - H,
          updatedAt: T0,
          version: 9,
        };
        return [run.runId, run];
      }),
  );

  test('help', () => {
    expectAccepted(renderHelp(JA, LIMITS));
  });

  test('list and status at 200 environments, every page, with the runs under way', () => {
    const pages = Math.ceil(envs.length / PAGE_SIZE);
    for (let page = 1; page <= pages; page++) {
      expectAccepted(renderList(JA, envs, T0, costs, page));
      expectAccepted(renderStatusAll(JA, envs, T0, runs, page, costs));
    }
  });

  test('one env’s status with its create under way', () => {
    const env = envs[0];
    const run = runs.get(env.currentRunId as string) as Run;
    expectAccepted(
      renderEnvStatus(JA, {
        env,
        run,
        steps: WORKFLOW_STEPS(JA, 'create'),
        now: T0,
        estimate: cost(3),
        resources: Array.from({ length: 30 }, (_, i) => ({ type: 'subnet' as const, id: `subnet-${i}` })),
      }),
    );
  });

  test('the digest at 200 environments, with the channel budget', () => {
    const budget = {
      budgetUsd: 50,
      month: { month: '2026-12', spentRunning: 30, spentDestroyed: 12.5, comingFromRunning: 80 },
    };
    const digest = renderDigest(JA, envs, T0, costs, budget as Parameters<typeof renderDigest>[4]);
    expectAccepted(digest);
    expect(digest.blocks.length).toBeLessThanOrEqual(50);
  });

  test('reminders and the destroy confirmation, with the longest names', () => {
    const env = envs[1];
    expectAccepted(renderExpiryWarning(JA, env, T0, cost(3)));
    expectAccepted(renderOverdue(JA, { ...env, expiresAt: T0 - H }, T0, cost(3)));
    for (const createRunning of [false, true])
      expectAccepted(
        renderDestroyConfirmation(JA, {
          env,
          requestedBy: 'U0ABCDEF12',
          resources: Array.from({ length: 40 }, (_, i) => ({ type: 'subnet' as const, id: `subnet-${i}` })),
          searchedByTag: true,
          ageMs: 3 * H,
          cost: cost(3),
          createRunning,
        }),
      );
  });

  test('the explained steps and every create step’s explanation, with the longest name', () => {
    expectAccepted(renderExplainedSteps(JA));
    const config = resolveCreateConfig({
      region: 'ap-northeast-1',
      azs: ['ap-northeast-1a', 'ap-northeast-1c'],
    });
    const facts = createFacts(
      { env: 'abcdefghij-klmnopqrs', params: { multiAz: 'later' }, steps: {} },
      config,
    );
    for (const st of WORKFLOW_OUTLINES.create.steps) {
      const text = JA.steps.create[st.id as keyof typeof JA.steps.create];
      expectAccepted(renderExplanation(JA, text.title, text.explain(facts)));
    }
  });
});
