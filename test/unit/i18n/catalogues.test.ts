/**
 * The catalogues: the same keys in every language, every step's text in both, explanations that
 * Slack accepts in both, and no user-visible English left in the views and workflows (a scan).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { renderExplanation } from '../../../src/bot/views/explanation';
import { textsFor, type Texts } from '../../../src/i18n/texts';
import { checkMessage } from '../../../src/sandbox/slack/message-check';
import { resolveCreateConfig } from '../../../src/workflows/create/deps';
import { createFacts } from '../../../src/workflows/create/explain-facts';
import { WORKFLOW_OUTLINES } from '../../../src/workflows/outlines';
import type { Run } from '../../../src/state/types';

const EN = textsFor({ lang: 'en', timeZone: 'UTC' });
const JA = textsFor({ lang: 'ja', timeZone: 'Asia/Tokyo' });

/** Every key path of a catalogue (functions and strings are leaves). */
function keys(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
    k === 'fmt' || k === 'locale' ? [] : keys(v, prefix ? `${prefix}.${k}` : k),
  );
}

describe('en and ja catalogues', () => {
  test('have the same keys', () => {
    const en = new Set(keys(EN));
    const ja = new Set(keys(JA));
    expect([...en].filter((k) => !ja.has(k))).toEqual([]);
    expect([...ja].filter((k) => !en.has(k))).toEqual([]);
    expect(en.size).toBeGreaterThan(200);
  });

  test.each(Object.keys(WORKFLOW_OUTLINES))('every %s step has a title in both', (kind) => {
    for (const t of [EN, JA]) {
      const texts = t.steps[kind as keyof Texts['steps']] as Record<string, { title: string }>;
      for (const step of WORKFLOW_OUTLINES[kind as keyof typeof WORKFLOW_OUTLINES].steps)
        expect(texts[step.id]?.title ?? '').not.toBe('');
    }
  });
});

describe('create explanations', () => {
  const config = resolveCreateConfig({
    region: 'ap-northeast-1',
    azs: ['ap-northeast-1a', 'ap-northeast-1c'],
  });
  const run = {
    env: 'demo',
    params: { multiAz: 'later' },
    steps: { vpc: { status: 'done', attempts: 1, outputs: { vpcId: 'vpc-0123' } } },
  } as unknown as Pick<Run, 'env' | 'params' | 'steps'>;
  const facts = createFacts(run, config);

  test.each([
    ['en', EN],
    ['ja', JA],
  ] as const)("%s: one per step, with this run's facts, and Slack accepts each", (_lang, t) => {
    for (const step of WORKFLOW_OUTLINES.create.steps) {
      const text = t.steps.create[step.id as keyof typeof t.steps.create];
      const e = text.explain(facts);
      for (const part of [e.what, e.why, e.handsOn]) expect(part.length).toBeGreaterThan(10);
      expect(e.doc.url).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
      const message = renderExplanation(t, text.title, e, {
        status: 'done',
        attempts: 1,
        startedAt: 0,
        finishedAt: 9 * 60_000,
      });
      const verdict = checkMessage({ text: message.text, blocks: message.blocks });
      expect(verdict.ok).toBe(true);
    }
    expect(t.steps.create.vpc.explain(facts).what).toContain('vpc-0123');
  });

  test('Japanese uses the AWS console terms', () => {
    const all = WORKFLOW_OUTLINES.create.steps
      .map((s) => JSON.stringify(JA.steps.create[s.id as keyof typeof JA.steps.create].explain(facts)))
      .join('\n');
    for (const term of [
      'サブネット',
      'セキュリティグループ',
      'ターゲットグループ',
      'マルチ AZ',
      'インターネットゲートウェイ',
    ])
      expect(all).toContain(term);
  });
});

/**
 * The scan: user-visible English outside the catalogues. In the views and services, an `mrkdwn`
 * template whose own text has a word; in the workflows, a note or failure given as a literal.
 */
describe('no hard-coded texts outside the catalogues', () => {
  const root = join(__dirname, '../../..');
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
    });

  /** The literal text of a template up to its closing backtick, without `${…}` (nesting kept count of). */
  function ownText(rest: string): string {
    let out = '';
    let depth = 0;
    for (let i = 0; i < rest.length; i++) {
      const c = rest[i];
      if (depth === 0 && c === '`') break;
      if (depth === 0 && c === '$' && rest[i + 1] === '{') {
        depth = 1;
        i++;
        continue;
      }
      if (depth > 0) {
        if (c === '{') depth++;
        if (c === '}') depth--;
        continue;
      }
      out += c;
    }
    return out;
  }

  /** A word of text: three letters in a row (emoji codes like `:no_entry:` taken out first). */
  const hasWord = (literal: string) => /[A-Za-z]{3,}/.test(literal.replace(/:[a-z_]+:/g, ''));

  test('the bot (views, services, dispatch, sinks) builds messages from the catalogue', () => {
    const offenders: string[] = [];
    // All of src/bot, views and services included.
    for (const file of files(join(root, 'src/bot'))) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (/^\s*(\/\*|\*|\/\/)/.test(line)) return; // a comment
          const where = `${relative(root, file)}:${i + 1}: ${line.trim()}`;
          // An `mrkdwn` template's own text: placeholders (nested ones too) taken out.
          const at = line.indexOf('mrkdwn`');
          if (at >= 0 && hasWord(ownText(line.slice(at + 'mrkdwn`'.length)))) offenders.push(where);
          // Plain text or a message's fallback given as a literal: plain('…'), message(`…`, …), or
          // a Slack field set to one (a text, a file's title and comment).
          const literal =
            /\b(plain|message|ephemeral|inChannel|header)\(\s*(['"`])((?:(?!\2).)*)\2/.exec(line) ??
            /\b(text|title|initial_comment|alt_text):\s*(['"`])((?:(?!\2).)*)\2/.exec(line);
          if (literal && hasWord(literal[2] === '`' ? ownText(literal[3]) : literal[3]))
            offenders.push(where);
        });
    }
    expect(offenders).toEqual([]);
  });

  /** The lines of `dirs`' files (comments left out) that `offends`, as `file:line: text`. */
  function scan(
    dirs: string[],
    skip: (file: string) => boolean,
    offends: (line: string) => boolean,
  ): string[] {
    const offenders: string[] = [];
    for (const file of dirs.map((d) => join(root, d)).flatMap(files)) {
      if (skip(relative(root, file))) continue;
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (/^\s*(\/\*|\*|\/\/)/.test(line)) return; // a comment
          if (offends(line)) offenders.push(`${relative(root, file)}:${i + 1}: ${line.trim()}`);
        });
    }
    return offenders;
  }

  /** A literal of two words or more where a note, a reason or a message is given. */
  const SAID_PROPERTY =
    /\b(note|message|reason|evidence|remark|headline|refusal|problem|fix|label|text|summary)\s*:\s*[`'"][A-Za-z]+ [A-Za-z]/;

  test('workflows say their notes, failures, reasons and summaries through the catalogue', () => {
    // The cost estimator's too (its lines are said). Not scanned: each workflow's
    // outline.<lang>.ts (a catalogue), and the user data scripts (shell and PHP run on the
    // instances; their logs are the instance's journal, not sitebot's).
    const notScanned = (file: string) =>
      /\/outline\.(en|ja)\.ts$/.test(file) || file.startsWith('src/workflows/userdata/');
    const offenders = scan(
      ['src/workflows', 'src/cost'],
      notScanned,
      (line) =>
        // wait(ms, 'text'), done(out, 'text'), failFinal(code, 'text'), waitOrGiveUp(ctx, ms, 'text'), …
        /\b(wait|done|skip|fail|failFinal|waitOrGiveUp)\([^)]*,\s*[`'"][A-Za-z]/.test(line) ||
        /\b(skip|fail)\(\s*[`'"][A-Za-z]/.test(line) ||
        SAID_PROPERTY.test(line),
    );
    expect(offenders).toEqual([]);
  });

  test('the command line prints only catalogue texts', () => {
    // io.stderr.write(`…`), this.out.write('…'), print(`…`): the literal's own words, without `${…}`.
    const printed = /\b(write|print|printError)\(\s*([`'"])/;
    const offenders = scan(
      ['src/cli'],
      () => false,
      (line) => {
        const m = printed.exec(line);
        if (m) {
          const rest = line.slice((m.index ?? 0) + m[0].length);
          const own = m[2] === '`' ? ownText(rest) : rest.slice(0, rest.indexOf(m[2]));
          if (/[A-Za-z]{3,}/.test(own)) return true;
        }
        return SAID_PROPERTY.test(line);
      },
    );
    expect(offenders).toEqual([]);
  });
});
