import { ENGLISH } from '../../src/i18n/texts';
/**
 * Messages you can trust (issue 17), end to end on the sandbox with the emulator's clock stopped:
 * the test moves virtual time itself (`runUntil`), so what happens when is never decided by a
 * real-time race, and every deadline is in virtual time. Every message the stand-in receives, and
 * every update of it, is recorded as it arrived and checked: times never go back and the last
 * equals the outcome's, a done step never shows a stale or error detail, a skipped step is never
 * done nor on the critical path, every cost is the estimator's, every count the one inventory's,
 * refusals are private, and there is one way to write a duration.
 *
 * One environment (`demo`) lives through create, a DB and a web drill, extend, a snoozed reminder
 * and destroy; `race` is cancelled-and-destroyed mid-create; `from-cli` is made by the CLI.
 */
import { runCli } from '../../src/cli/main';
import { formatPerDay, formatUsd } from '../../src/domain/format';
import type { MessageChange, StoredMessage } from '../../src/sandbox/slack/messages';
import type { Environment, Run } from '../../src/state/types';
import { environmentCost, environmentCostBetween } from '../../src/workflows/operations/env-cost';
import { blockKitProblems, shown } from '../helpers/block-kit';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox';
import { waitFor } from '../helpers/slack';
import { failOnSlackViolations } from '../helpers/slack-violations';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const OWNER = 'UOWNER';
const OTHER = 'UOTHER';

jest.setTimeout(240_000);

let sb: TestSandbox;
failOnSlackViolations(() => sb);
const errors: string[] = [];
/** Every message as the stand-in held it after each change, in order. */
const history: (StoredMessage & { change: MessageChange['type'] })[] = [];

beforeAll(async () => {
  sb = await startTestSandbox({
    speed: 0,
    // The bot answers within this; a slow machine must not turn answers into "working on it".
    ackBudgetMs: 60_000,
    onError: (err, where) => errors.push(`${where}: ${String(err)}`),
  });
  sb.slack.messages.on('change', (c: MessageChange) =>
    history.push({ ...structuredClone(c.message), change: c.type }),
  );
});
afterAll(async () => {
  await sb?.stop();
});

// ---------------------------------------------------------------------------------------------
// Reading what the bot said

const clock = () => sb.emulator!.world.clock;
const now = () => sb.workflows!.clock.now();
const envOf = async (name: string): Promise<Environment> => {
  const env = await sb.store.environments.get(name);
  if (!env) throw new Error(`no env ${name}`);
  return env;
};
const runOf = async (id: string | undefined): Promise<Run | undefined> =>
  id ? sb.store.runs.get(id) : undefined;

interface Ack {
  response_type: string;
  text: string;
  blocks: unknown[];
}
const ack = (res: { body: string }) => JSON.parse(res.body) as Ack;

/** Everything a reader sees in a message: its text and its blocks' texts, entities decoded. */
function readable(m: { text: string; blocks: unknown[] }): string {
  const texts: string[] = [m.text];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (typeof v === 'object' && v !== null) {
      const o = v as Record<string, unknown>;
      if (typeof o.text === 'string') texts.push(o.text);
      Object.values(o).forEach(walk);
    }
  };
  walk(m.blocks);
  return shown(texts.join('\n'));
}

/** `3m 19s` → ms; the only duration format there is. */
function durationMs(text: string): number {
  if (text === '<1s') return 0;
  const unit = { d: 86_400_000, h: HOUR, m: MINUTE, s: 1000 } as const;
  return text
    .split(' ')
    .map((part) => {
      const m = /^(\d+)([dhms])$/.exec(part);
      if (!m) throw new Error(`not a duration: ${text}`);
      return Number(m[1]) * unit[m[2] as keyof typeof unit];
    })
    .reduce((a, b) => a + b, 0);
}

const DURATION = String.raw`(?:<1s|\d+[dhms](?: \d+[hms])?)`;
const HEADLINE = new RegExp(
  String.raw`\*(create|destroy|failover) ([a-z0-9-]+)\*: (running|succeeded|failed|cancelled) — (\d+) of (\d+) steps done(?:, (\d+) skipped)? — (${DURATION})`,
);

interface Headline {
  kind: string;
  env: string;
  status: string;
  done: number;
  applicable: number;
  skipped: number;
  elapsedMs: number;
}

function headlineOf(m: { text: string; blocks: unknown[] }): Headline | undefined {
  const h = HEADLINE.exec(readable(m));
  return h
    ? {
        kind: h[1],
        env: h[2],
        status: h[3],
        done: Number(h[4]),
        applicable: Number(h[5]),
        skipped: Number(h[6] ?? 0),
        elapsedMs: durationMs(h[7]),
      }
    : undefined;
}

/** Every state a message went through (the stand-in's record of each post and update). */
const statesOf = (ts: string) => history.filter((m) => m.ts === ts);

/** The progress message of a run: the top-level message whose headline is that run's. */
function progressMessageOf(kind: string, env: string): string {
  const found = history.find((m) => {
    const h = headlineOf(m);
    return !m.thread_ts && !m.ephemeral_to && h?.kind === kind && h.env === env;
  });
  if (!found) throw new Error(`no progress message for ${kind} ${env}`);
  return found.ts;
}

/** What every state of a progress message must hold; returns the last headline. */
function checkProgress(ts: string, skippedTitles: readonly string[] = []): Headline {
  const states = statesOf(ts).filter((m) => headlineOf(m));
  expect(states.length).toBeGreaterThan(1);
  let last: Headline | undefined;
  for (const state of states) {
    const h = headlineOf(state)!;
    const text = readable(state);
    // One clock, one source: the figure never goes back between updates of one message.
    if (last) expect(h.elapsedMs).toBeGreaterThanOrEqual(last.elapsedMs);
    for (const line of text.split('\n')) {
      if (line.startsWith(':white_check_mark:')) {
        // A done step says what came of it: never a wait's reason or an error it overcame.
        expect(line).not.toMatch(
          /retrying|Error|Exception|DependencyViolation|: creating|=initial|pending|not visible/,
        );
        for (const title of skippedTitles) expect(line).not.toContain(title);
      }
    }
    for (const title of skippedTitles) {
      const line = text.split('\n').find((l) => l.includes(title));
      if (line && h.status !== 'running') expect(line).toMatch(/^:heavy_minus_sign: .* — skipped/);
      const path = text.split('\n').find((l) => l.startsWith('critical path'));
      if (path) expect(path).not.toContain(title);
    }
    last = h;
  }
  const final = states[states.length - 1];
  expect(readable(final)).toMatch(/critical path \(/);
  expect(readable(final)).not.toContain('critical path so far');
  return last!;
}

/** Top-level channel messages the bot posted (not replies, not ephemerals), as first posted. */
const channelPosts = () => history.filter((m) => m.change === 'new' && !m.thread_ts && !m.ephemeral_to);

/** A command that must be refused: its answer is private, and nothing new appears in the channel. */
async function expectPrivateRefusal(text: string, user: string, pattern: RegExp): Promise<Ack> {
  const posts = channelPosts().length;
  const answer = ack(await sb.command(text, user));
  expect(answer.response_type).toBe('ephemeral');
  expect(shown(answer.text)).toMatch(pattern);
  await sb.workflows!.settle();
  expect(channelPosts()).toHaveLength(posts);
  return answer;
}

async function press(ts: string, actionId: string, user = OWNER): Promise<void> {
  const res = await sb.press({ ts, action_id: actionId, user });
  expect(res.status).toBe(200);
}

const latest = async (ts: string) => (await sb.messages()).find((m) => m.ts === ts);

// ---------------------------------------------------------------------------------------------

let dryRunTotal = 0;

test('dry run, create and status: one inventory, figures from the run record and the estimator', async () => {
  const dry = ack(await sb.command('create demo --dry-run', OWNER));
  expect(dry.response_type).toBe('ephemeral');
  dryRunTotal = Number(/Plan for demo: (\d+) resources/.exec(shown(dry.text))?.[1]);
  expect(dryRunTotal).toBe(22);

  const started = ack(await sb.command('create demo', OWNER));
  expect(started.response_type).toBe('ephemeral');
  expect(shown(started.text)).toMatch(
    /^Creating \*demo\* \(run `demo-create-[^`]+`\); progress in the channel\.$/,
  );
  // A second create of the name while the first runs: refused privately, nothing in the channel.
  await expectPrivateRefusal(
    'create demo',
    OTHER,
    /^:no_entry: \*demo\* already exists \(being created, owner <@UOWNER>/,
  );
  await expectPrivateRefusal('create demo --ttl 5m', OTHER, /^:warning: TTL must be at least 1h \(got 5m\)$/);

  await sb.workflows!.runUntil(async () => (await envOf('demo')).status === 'ready', { withinMs: 2 * HOUR });
  const ts = progressMessageOf('create', 'demo');
  const last = checkProgress(ts);
  const final = readable(statesOf(ts).at(-1)!);
  expect(final).toContain(`*demo is ready* after `);
  expect(durationMs(/is ready\* after (\S+(?: \d+[hms])?)/.exec(final)![1])).toBe(last.elapsedMs);
  // Every step of the create, the preflight first: 20, none skipped.
  expect(last).toMatchObject({ status: 'succeeded', done: 20, applicable: 20, skipped: 0 });

  const status = readable(ack(await sb.command('status demo', OWNER)));
  expect(status).toContain(`Resources: ${dryRunTotal} resources — 1 VPC, 4 subnets`);
  expect(status).not.toMatch(/siteUrl|dbEndpoint|multiAz|status:/);
  expect(status).toMatch(/Site: http:\/\/127\.0\.0\.1:\d+\//);
  // The clock is stopped: the command and this line see the same instant.
  const estimate = (await environmentCost(sb.store, await envOf('demo'), now()))!;
  const costLine = `${formatUsd(estimate.soFar)} so far · ${formatPerDay(estimate.perDay)}`;
  expect(status).toContain(`Cost: ${costLine}`);
  expect(readable(ack(await sb.command('list', OWNER)))).toContain(`— ${costLine} —`);
});

test('DB and web drills: the phase left out is skipped, never done nor on the path; times never go back', async () => {
  const titleOf = (id: string) => ENGLISH.steps.failover[id as keyof typeof ENGLISH.steps.failover].title;
  const drill = async (target: 'db' | 'web') => {
    const before = history.length;
    const res = ack(await sb.command(`failover demo ${target}`, OWNER));
    expect(res.response_type).toBe('ephemeral');
    expect(shown(res.text)).toContain('Failover drill on demo started');
    await sb.workflows!.runUntil(
      async () => {
        const env = await envOf('demo');
        const run = await runOf(env.lastRunId);
        return !env.currentRunId && run?.kind === 'failover' && run.params.target === target;
      },
      { withinMs: HOUR },
    );
    const ts = history.slice(before).find((m) => headlineOf(m)?.kind === 'failover')!.ts;
    const skipped = titleOf(target === 'db' ? 'web-drill' : 'db-drill');
    const last = checkProgress(ts, [skipped]);
    expect(last).toMatchObject({ status: 'succeeded', done: 2, applicable: 2, skipped: 1 });
    const final = readable(statesOf(ts).at(-1)!);
    expect(final).toMatch(new RegExp(`Failover drill on demo \\(${target}\\): PASS\\* \\(${DURATION}\\)`));
    const shownTotal = new RegExp(`PASS\\* \\((${DURATION})\\)`).exec(final)![1];
    expect(durationMs(shownTotal)).toBe(last.elapsedMs);
    return final;
  };

  const dbReport = await drill('db');
  // The status line of the last drill and the report say the same outage, the same way.
  const outage = /longest outage (\S+(?: \d+[hms])?)/.exec(dbReport)![1];
  const status = readable(ack(await sb.command('status demo', OWNER)));
  expect(status).toContain('Last drill: Failover drill on demo (db): PASS');
  expect(status).toContain(`longest outage ${outage}`);

  await drill('web');
});

test('extend says what the added time costs, from the estimator; a bad duration is refused privately', async () => {
  const env = await envOf('demo');
  const answer = ack(await sb.command('extend demo 2h', OWNER));
  expect(answer.response_type).toBe('in_channel');
  const added = await environmentCostBetween(
    sb.store,
    env,
    Math.max(now(), env.expiresAt),
    env.expiresAt + 2 * HOUR,
  );
  expect(added).toBeGreaterThan(0);
  expect(added).toBeLessThan(1);
  expect(shown(answer.text)).toContain(`extended *demo* by 2h`);
  expect(shown(answer.text)).toContain(`The added 2h cost about ${formatUsd(added!)} at its current size.`);
  expect((await envOf('demo')).expiresAt).toBe(env.expiresAt + 2 * HOUR);

  await expectPrivateRefusal(
    'extend demo -1h',
    OWNER,
    /^:warning: the extension must be positive \(got -1h\)$/,
  );
  await expectPrivateRefusal('extend demo 1h', OTHER, /only <@UOWNER> \(the owner of demo\) or an admin/);
  expect((await envOf('demo')).expiresAt).toBe(env.expiresAt + 2 * HOUR);
});

test('Snooze silences the warning for its duration and keeps the expiry; the notification states the block’s fact', async () => {
  const { expiresAt } = await envOf('demo');
  clock().advance(expiresAt - 2 * HOUR + MINUTE - now());
  expect((await sb.workflows!.runReminders()).warned).toBe(1);
  const warnings = () => history.filter((m) => m.change === 'new' && m.text.startsWith('demo expires'));
  const warning = warnings().at(-1)!;
  expect(shown(warning.text)).toMatch(/^demo expires in 1h 59m \(at [^)]+\); it will then be destroyed\.$/);
  // The notification's fact is the block's, word for word.
  expect(readable(warning)).toContain(`*demo* ${shown(warning.text).slice('demo '.length)}`);
  expect(readable(warning)).toMatch(/Extend 1d[\s\S]*Snooze 1h[\s\S]*Destroy now/);

  await press(warning.ts, 'site_remind_snooze');
  const snoozed = await waitFor(async () => {
    const m = await latest(warning.ts);
    return m && /snoozed the reminder for 1h/.test(m.text) ? m : undefined;
  }, 30_000);
  expect(shown(snoozed.text)).toContain('*demo* still expires in 1h 59m');
  expect((await envOf('demo')).expiresAt).toBe(expiresAt);

  // Silent for the snooze's hour, however often the scheduler looks.
  expect((await sb.workflows!.runReminders()).warned).toBe(0);
  clock().advance(30 * MINUTE);
  expect((await sb.workflows!.runReminders()).warned).toBe(0);
  clock().advance(29 * MINUTE);
  expect((await sb.workflows!.runReminders()).warned).toBe(0);
  // Then the warning comes again, once, saying how long is left now.
  clock().advance(2 * MINUTE);
  expect((await sb.workflows!.runReminders()).warned).toBe(1);
  const again = warnings().at(-1)!;
  expect(again.ts).not.toBe(warning.ts);
  expect(shown(again.text)).toMatch(/^demo expires in 58m \(at /);
  expect((await sb.workflows!.runReminders()).warned).toBe(0);

  // Keep demo: the rest of the test destroys it by hand.
  expect(ack(await sb.command('extend demo 1d', OWNER)).response_type).toBe('in_channel');
});

test('Cancel and destroy counts what exists now, says one thing, and gives no clean-up advice while the teardown runs', async () => {
  expect(ack(await sb.command('create race --ttl 8h', OWNER)).response_type).toBe('ephemeral');
  // Let the create get some way: the network and security groups exist, the rest does not yet.
  await sb.workflows!.runUntil(
    async () => {
      const run = await runOf((await envOf('race')).currentRunId);
      return run?.steps['security-groups']?.status === 'done' && run.steps.subnets?.status === 'done';
    },
    { withinMs: HOUR },
  );

  const answer = ack(await sb.command('destroy race', OWNER));
  expect(shown(answer.text)).toBe(
    'Confirm the teardown of *race* with the *Cancel and destroy* button on the message in the channel.',
  );
  const confirmation = history
    .filter((m) => m.change === 'new' && m.text.startsWith('Destroy race?'))
    .at(-1)!;
  const text = readable(confirmation);
  // What exists now, by its tags in the emulator, is what the confirmation counts (an instance's
  // network interface goes with the instance: not a resource of its own).
  const live = sb
    .emulator!.world.listResources()
    .filter((r) => r.tags['sitebot:env'] === 'race' && r.tags['sitebot:managed'] === 'true')
    .filter((r) => !/deleted|terminated/.test(r.state))
    .filter((r) => !(r.type === 'network-interface' && r.state === 'in-use'));
  expect(live.length).toBeGreaterThan(0);
  expect(text).toContain(`It has ${live.length} resources now:`);
  const button = JSON.stringify(confirmation.blocks).match(
    /"action_id":"site_destroy_cancel_create","text":\{"type":"plain_text","text":"([^"]+)"/,
  );
  expect(button?.[1]).toBe('Cancel and destroy');
  expect(text).toContain('*Cancel and destroy* stops it first');
  expect(text).not.toMatch(/Confirm with the \*Destroy\*/);

  await press(confirmation.ts, 'site_destroy_cancel_create');
  await waitFor(async () => ((await envOf('race')).meta?.pendingDestroy ? true : undefined), 30_000);
  const pressedAt = history.length;
  await sb.workflows!.runUntil(async () => (await envOf('race')).status === 'destroyed', {
    withinMs: 2 * HOUR,
  });

  // From the press on, nothing tells anyone to clean up: the teardown is doing it.
  for (const m of history.slice(pressedAt)) expect(readable(m)).not.toMatch(/Clean up with/);
  const createTs = progressMessageOf('create', 'race');
  const createEnd = readable(statesOf(createTs).at(-1)!);
  expect(createEnd).toContain('*create of race was cancelled* by <@UOWNER>');
  expect(createEnd).toContain('Its teardown starts now');
  const receipt = readable((await latest(confirmation.ts))!);
  const deleted = Number(
    /Destroyed race in \S+(?: \d+[hms])?: (\d+) resources? deleted\. 0 resources tagged for race remain\./.exec(
      receipt,
    )?.[1],
  );
  expect(deleted).toBeGreaterThanOrEqual(live.length);
  checkProgress(confirmation.ts);
});

test('destroy: dry run = status = confirmation = receipt; the receipt’s time is the last shown; the final cost stays', async () => {
  expect(shown(ack(await sb.command('destroy demo', OWNER)).text)).toContain('with the *Destroy* button');
  const confirmation = history
    .filter((m) => m.change === 'new' && m.text.startsWith('Destroy demo?'))
    .at(-1)!;
  expect(readable(confirmation)).toContain(`It has ${dryRunTotal} resources now: 1 VPC, 4 subnets`);
  await waitFor(async () => ((await envOf('demo')).meta?.destroyConfirmation ? true : undefined), 30_000);
  await press(confirmation.ts, 'site_destroy_confirm');
  await waitFor(async () => ((await envOf('demo')).status === 'destroying' ? true : undefined), 30_000);
  await sb.workflows!.runUntil(async () => (await envOf('demo')).status === 'destroyed', {
    withinMs: 2 * HOUR,
  });

  const last = checkProgress(confirmation.ts);
  const receipt = readable((await latest(confirmation.ts))!);
  const m = new RegExp(
    `Destroyed demo in (${DURATION}): (\\d+) resources deleted\\. 0 resources tagged for demo remain\\.`,
  ).exec(receipt)!;
  expect(Number(m[2])).toBe(dryRunTotal);
  expect(durationMs(m[1])).toBe(last.elapsedMs);

  const gone = await envOf('demo');
  const final = (await environmentCost(sb.store, gone, now()))!;
  expect(final.perHour).toBe(0);
  const statusNow = readable(ack(await sb.command('status demo', OWNER)));
  expect(statusNow).toContain('Status: *torn down*');
  expect(statusNow).toContain(`Cost: ${formatUsd(final.soFar)} in all (final)`);
  expect(statusNow).not.toMatch(/[Ee]xpires|expired|so far/);
  clock().advance(5 * HOUR);
  expect(readable(ack(await sb.command('status demo', OWNER)))).toContain(
    `Cost: ${formatUsd(final.soFar)} in all (final)`,
  );
});

test('a CLI-made env: owner by name, times on the sandbox clock, resumed by the bot', async () => {
  const startedAt = now();
  const stop = new AbortController();
  let stdout = '';
  const code = await runCli(['create', 'from-cli', '--channel', 'C1', '--ttl', '8h'], {
    stdout: {
      write: (t) => {
        stdout += t;
        stop.abort(); // follow no further: the bot's worker takes the run over
      },
      isTTY: false,
    },
    stderr: { write: () => undefined },
    env: {
      SITEBOT_REGION: sb.config.region,
      SITEBOT_TABLE_PREFIX: sb.config.tablePrefix,
      SITEBOT_CLI_USER: 'alice',
      USER: 'someone-else',
      SITEBOT_CLOCK_URL: `${sb.urls.aws}/_sandbox/clock`,
    },
    signal: stop.signal,
    overrides: { clients: sb.clients, busyRetryMs: 10 },
  });
  expect(code).toBe(130);
  expect(stdout).toContain('create from-cli: run from-cli-create-');
  const made = await envOf('from-cli');
  expect(made.owner).toBe('alice');
  // Written on the sandbox's clock (stopped): not the wall clock's, hours away from it.
  expect(made.createdAt).toBe(startedAt);
  expect((await runOf(made.currentRunId))?.createdAt).toBe(startedAt);

  await sb.workflows!.runtime.service.resumeAll();
  await sb.workflows!.runUntil(async () => (await envOf('from-cli')).status === 'ready', {
    withinMs: 2 * HOUR,
  });
  const took = now() - startedAt;
  const list = readable(ack(await sb.command('list', OWNER)));
  const line = list.split('\n').find((l) => l.startsWith('*from-cli*'))!;
  expect(line).toMatch(new RegExp(`^\\*from-cli\\* — ready — owner alice — age (${DURATION}) — `));
  expect(line).not.toContain('<@');
  // Its age is the time the sandbox took to build it (shown truncated), not hours of clock skew.
  const age = durationMs(new RegExp(`age (${DURATION})`).exec(line)![1]);
  expect(age).toBeLessThanOrEqual(took);
  expect(age).toBeGreaterThan(took - MINUTE);
  const status = readable(ack(await sb.command('status from-cli', OWNER)));
  expect(status).toContain('Owner: alice');
  expect(readable(statesOf(progressMessageOf('create', 'from-cli')).at(-1)!)).toContain('requested by alice');
});

test('every message and update: escaped, within Block Kit’s limits, one duration format; refusals private', () => {
  expect(history.length).toBeGreaterThan(50);
  for (const m of history) {
    expect({ ts: m.ts, problems: blockKitProblems(m) }).toEqual({ ts: m.ts, problems: [] });
    const text = readable(m)
      .replace(/`[^`]*`/g, '') // code: ids, commands, sparklines
      .replace(/https?:\/\/\S+/g, '')
      .replace(/\b[a-z0-9]+(-[a-z0-9]+)*-[0-9a-f]{6,}\b/g, ''); // resource ids
    expect(text).not.toMatch(/\b\d+ ?(min|mins|sec|secs|hours?|minutes?|seconds?)\b/);
    expect(text).not.toMatch(/\b\d+ [hms]\b/);
    expect(text).not.toMatch(/\b\d+h \d{2}m\b.*\b0\dm\b|\b\d+[hm] 0\d[ms]\b/);
    expect(text).not.toMatch(/\(s\)/);
    // A refusal is never posted in the channel.
    if (/^:no_entry: /.test(shown(m.text))) expect(m.ephemeral_to).toBeDefined();
  }
  expect(errors).toEqual([]);
});
