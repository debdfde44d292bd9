/** `/site help`: what each subcommand does, the rules, and examples (src/bot/views/help.ts). */
import { mrkdwn, type Mrkdwn } from '../../bot/views/mrkdwn';
import type { Formatter } from '../../domain/format';

export const help = (f: Formatter) => ({
  title: () => '/site commands',
  /** What each subcommand does, one line each. */
  what: {
    create:
      'build the scalable-website environment (VPC, 2 web servers, ALB, RDS MySQL); --explain says why, step by step',
    status: 'one environment in detail, or all of them',
    list: 'environments that exist now: status, owner, age, cost, TTL',
    failover: 'availability drill: stop a web server and/or fail the DB over, measuring downtime',
    destroy: 'tear the environment down, leaving nothing behind',
    extend: "move an environment's TTL later",
    sleep: 'stop both web servers and the DB to save money (storage and the ALB still bill)',
    wake: 'start them again and wait until the site answers',
    hours: "office hours: awake only then, asleep otherwise (weekdays by default, the channel's time zone)",
    explain: "the hands-on's why: the steps, one step, or an environment's create in its thread",
    lang: 'the language the bot answers you in',
    help: 'this message',
  },
  rules: (a: {
    envRule: string;
    durationRule: string;
    minTtlMs: number;
    maxTtlMs: number;
    defaultTtlMs: number;
  }): Mrkdwn =>
    mrkdwn`<env>: ${a.envRule}. <dur>: ${a.durationRule}. TTL: at least ${f.duration(a.minTtlMs)}, at most ${f.duration(a.maxTtlMs)}, ${f.duration(a.defaultTtlMs)} unless given. --multi-az defaults to now.`,
  examples: () => mrkdwn`*Examples*`,
});

export type HelpTexts = ReturnType<typeof help>;
