/** The English catalogue: the source every other language follows (ja: ../ja/index.ts). */
import { EN_FORMAT_WORDS, type Formatter } from '../../domain/format';
import { CREATE_STEPS_EN } from '../../workflows/create/outline.en';
import { DESTROY_STEPS_EN } from '../../workflows/destroy/outline.en';
import { FAILOVER_STEPS_EN } from '../../workflows/failover/outline.en';
import { SLEEP_STEPS_EN, WAKE_STEPS_EN } from '../../workflows/power/outline.en';
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
import { grammar } from './grammar';
import { inventory } from './inventory';
import { receipt } from './receipt';
import { work } from './work';

export const EN_WORDS = EN_FORMAT_WORDS;

export function en(f: Formatter) {
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
    /** Each workflow's steps: title, and explanation for the hands-on's (beside their outlines). */
    steps: {
      create: CREATE_STEPS_EN,
      destroy: DESTROY_STEPS_EN,
      failover: FAILOVER_STEPS_EN,
      sleep: SLEEP_STEPS_EN,
      wake: WAKE_STEPS_EN,
    },
  };
}

/** Every text of one language, by area (one file per area beside this one). */
export type Catalogue = ReturnType<typeof en>;
