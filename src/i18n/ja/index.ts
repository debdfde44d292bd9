/** 日本語のカタログ。英語版 (../en/index.ts) と同じ形で、欠けたキーは型チェックで失敗する。 */
import type { Formatter } from '../../domain/format';
import { CREATE_STEPS_JA } from '../../workflows/create/outline.ja';
import { DESTROY_STEPS_JA } from '../../workflows/destroy/outline.ja';
import { FAILOVER_STEPS_JA } from '../../workflows/failover/outline.ja';
import { SLEEP_STEPS_JA, WAKE_STEPS_JA } from '../../workflows/power/outline.ja';
import type { Catalogue } from '../en';
import { cli } from './cli';
import { common } from './common';
import { run } from './run';
import { reminders } from './reminders';
import { refusals } from './refusals';
import { plan } from './plan';
import { preflight } from './preflight';
import { costLine } from './cost-line';
import { power } from './power';
import { lang } from './lang';
import { help } from './help';
import { explain } from './explain';
import { errors } from './errors';
import { envs } from './envs';
import { destroy } from './destroy';
import { drill } from './drill';
import { diagram } from './diagram';
import { webConsole } from './console';
import { terminal } from './terminal';
import { JA_FORMAT_WORDS } from './format';
import { grammar } from './grammar';
import { inventory } from './inventory';
import { receipt } from './receipt';
import { work } from './work';

export const JA_WORDS = JA_FORMAT_WORDS;

export function ja(f: Formatter): Catalogue {
  const inv = inventory(f);
  return {
    common: common(f),
    inventory: inv,
    grammar: grammar(f),
    work: work(f, inv),
    receipt: receipt(f, inv),
    drill: drill(f),
    preflight: preflight(f),
    costLine: costLine(),
    help: help(f),
    errors: errors(),
    refusals: refusals(f),
    envs: envs(f),
    run: run(f),
    plan: plan(),
    power: power(f),
    destroy: destroy(f),
    reminders: reminders(f),
    explain: explain(f),
    language: lang(),
    diagram: diagram(f),
    webConsole: webConsole(),
    terminal: terminal(f),
    cli: cli(f),
    steps: {
      create: CREATE_STEPS_JA,
      destroy: DESTROY_STEPS_JA,
      failover: FAILOVER_STEPS_JA,
      sleep: SLEEP_STEPS_JA,
      wake: WAKE_STEPS_JA,
    },
  };
}
