/**
 * Runtime configuration, read once from environment variables and validated with zod.
 * The same variables drive the local sandbox, the CLI, a self-hosted bot and Lambda; AWS
 * endpoints are not here: the SDK reads AWS_ENDPOINT_URL[_<SERVICE>] (see src/aws/clients.ts).
 */
import { z } from 'zod';
import { MIN_TTL_MS, parseDurationMs } from '../domain/durations';
import { formatDuration } from '../domain/format';
import { DEFAULT_LANG, isTimeZone, LANGS, type LanguageSettings } from '../i18n/locale';

const list = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );

/** IAM's path syntax (CreateRole `Path`): `/`, or `/` + printable ASCII + `/`. */
const IAM_PATH = /^(\/|\/[\u0021-\u007e]{1,510}\/)$/;
const POLICY_ARN = /^arn:aws[a-z-]*:iam::(\d{12}|aws):policy\/[\u0021-\u007e]+$/;

/** An IANA time zone Intl knows (`Asia/Tokyo`). */
const timeZone = z.string().refine(isTimeZone, 'not a time zone Intl knows, like Asia/Tokyo or UTC');

/** `C0123=Asia/Tokyo,C0456=Europe/London`: a channel's own time zone. */
const channelTimeZones = z
  .string()
  .optional()
  .transform((v, ctx) => {
    const out: Record<string, string> = {};
    for (const pair of (v ?? '')
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean)) {
      const [channel, zone] = pair.split('=').map((p) => p.trim());
      if (!channel || !zone || !isTimeZone(zone)) {
        ctx.addIssue({ code: 'custom', message: `not <channel id>=<time zone>: ${pair}` });
        return z.NEVER;
      }
      out[channel] = zone;
    }
    return out;
  });

const durationMs = (fallback: string) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      const ms = parseDurationMs(v ?? fallback);
      if (ms === undefined) {
        ctx.addIssue({ code: 'custom', message: `not a duration like 90m, 8h or 3d: ${v}` });
        return z.NEVER;
      }
      return ms;
    });

const schema = z.object({
  SITEBOT_REGION: z.string().default('ap-northeast-1'),
  SITEBOT_AZS: list,
  SITEBOT_TABLE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,200}$/)
    .default('sitebot'),
  SLACK_SIGNING_SECRET: z.string().min(1).default('sandbox-signing-secret'),
  SLACK_BOT_TOKEN: z.string().min(1).default('xoxb-sandbox-token'),
  /** Base URL of the Slack Web API; set to the sandbox stand-in locally, unset on real Slack. */
  SLACK_API_URL: z.string().url().optional(),
  /** The bot's ids (from auth.test); when both are set the bot never calls auth.test itself. */
  SLACK_BOT_ID: z.string().min(1).optional(),
  SLACK_BOT_USER_ID: z.string().min(1).optional(),
  /** Port of the bot's HTTP receiver when self-hosted or in the sandbox. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  SITEBOT_ALLOWED_CHANNELS: list,
  SITEBOT_ADMINS: list,
  SITEBOT_DEFAULT_TTL: durationMs('24h'),
  SITEBOT_MAX_TTL: durationMs('7d'),
  /** Largest spend (USD) an extend may commit an environment to, from now until its new expiry. */
  SITEBOT_EXTEND_COST_CAP_USD: z.coerce.number().positive().optional(),
  /** Each channel's monthly budget (USD, UTC calendar month): a create that would go over it is refused. */
  SITEBOT_CHANNEL_BUDGET_USD: z.coerce.number().positive().optional(),
  /** IAM path of the roles and instance profiles the bot creates (serverless.yml: /sitebot/<stage>/). */
  SITEBOT_IAM_PATH: z.string().regex(IAM_PATH, 'not an IAM path (/ or /name/…/)').default('/sitebot/'),
  /** ARN of the managed policy every role the bot creates carries as its permissions boundary. */
  SITEBOT_IAM_PERMISSIONS_BOUNDARY: z.string().regex(POLICY_ARN, 'not an IAM policy ARN').optional(),
  /**
   * The clock of the environments' world when it is not the wall clock: the sandbox's emulator
   * answers `GET …/_sandbox/clock` with `{ now, speed }`. The CLI keeps that time against the sandbox.
   */
  SITEBOT_CLOCK_URL: z.string().url().optional(),
  /** The workspace's language: scheduled messages, and readers who chose none with `/site lang`. */
  SITEBOT_LANG: z.enum(LANGS).default(DEFAULT_LANG),
  /**
   * The channels' time zone, unless a channel has its own: office hours and the digest are read
   * in it (Asia/Tokyo when unset), and dates are shown in it (unset: the language's own, Asia/Tokyo
   * for ja, UTC for en; every date shown names its zone).
   */
  SITEBOT_TIME_ZONE: timeZone.optional(),
  /** Channels in other zones: `C0123=Europe/London,C0456=America/New_York`. */
  SITEBOT_CHANNEL_TIME_ZONES: channelTimeZones,
  /** `off`: a create does not ask the site through the ALB (for an endpoint with no data plane). */
  SITEBOT_SITE_CHECK: z.enum(['on', 'off'], { error: 'must be on or off' }).default('on'),
});

export interface Config {
  region: string;
  /** The two AZs the environment spans. */
  azs: [string, string];
  tablePrefix: string;
  slack: {
    signingSecret: string;
    botToken: string;
    apiUrl?: string;
    botId?: string;
    botUserId?: string;
    /** Channels where /site is allowed; empty means every channel. */
    allowedChannels: string[];
    /** Users who may destroy/failover/extend any environment. */
    admins: string[];
  };
  ttl: { defaultMs: number; maxMs: number };
  /** `/site extend` and the Extend/Snooze buttons refuse to commit more than this (USD); unset = no cap. */
  extendCostCapUsd?: number;
  /** Each channel's monthly budget (USD); unset = none. */
  channelBudgetUsd?: number;
  /** The zone office hours are read in: `byChannel[channel]`, else `default`. */
  timeZones: { default: string; byChannel: Record<string, string> };
  /** HTTP receiver port (self-hosting, sandbox). */
  port: number;
  /** Where the roles the bot creates live, and the boundary they carry (docs/security.md). */
  iam: IamPlacement;
  /** Where the world's clock is read when it is not the wall clock (the sandbox's emulator). */
  clockUrl?: string;
  /** Languages and time zones (src/i18n/locale.ts). */
  i18n: LanguageSettings;
  /** Whether a create checks that the site answers through the ALB (SITEBOT_SITE_CHECK). */
  siteCheck: boolean;
}

export interface IamPlacement {
  /** IAM path of the web servers' role and instance profile, e.g. `/sitebot/prod/`. */
  path: string;
  /** Permissions boundary (managed policy ARN) of that role; unset: none (no deployed stack). */
  permissionsBoundary?: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid configuration: ${problems}`);
  }
  const v = parsed.data;
  const azs = v.SITEBOT_AZS.length > 0 ? v.SITEBOT_AZS : [`${v.SITEBOT_REGION}a`, `${v.SITEBOT_REGION}c`];
  if (azs.length !== 2) throw new Error('invalid configuration: SITEBOT_AZS must name exactly two AZs');
  if (v.SITEBOT_DEFAULT_TTL < MIN_TTL_MS) {
    throw new Error(
      `invalid configuration: SITEBOT_DEFAULT_TTL must be at least ${formatDuration(MIN_TTL_MS)}`,
    );
  }
  if (v.SITEBOT_DEFAULT_TTL > v.SITEBOT_MAX_TTL) {
    throw new Error('invalid configuration: SITEBOT_DEFAULT_TTL is over SITEBOT_MAX_TTL');
  }
  return {
    region: v.SITEBOT_REGION,
    azs: [azs[0], azs[1]],
    tablePrefix: v.SITEBOT_TABLE_PREFIX,
    slack: {
      signingSecret: v.SLACK_SIGNING_SECRET,
      botToken: v.SLACK_BOT_TOKEN,
      apiUrl: v.SLACK_API_URL,
      botId: v.SLACK_BOT_ID,
      botUserId: v.SLACK_BOT_USER_ID,
      allowedChannels: v.SITEBOT_ALLOWED_CHANNELS,
      admins: v.SITEBOT_ADMINS,
    },
    ttl: { defaultMs: v.SITEBOT_DEFAULT_TTL, maxMs: v.SITEBOT_MAX_TTL },
    ...(v.SITEBOT_EXTEND_COST_CAP_USD === undefined
      ? {}
      : { extendCostCapUsd: v.SITEBOT_EXTEND_COST_CAP_USD }),
    ...(v.SITEBOT_CHANNEL_BUDGET_USD === undefined ? {} : { channelBudgetUsd: v.SITEBOT_CHANNEL_BUDGET_USD }),
    timeZones: { default: v.SITEBOT_TIME_ZONE ?? 'Asia/Tokyo', byChannel: v.SITEBOT_CHANNEL_TIME_ZONES },
    port: v.PORT,
    iam: {
      path: v.SITEBOT_IAM_PATH,
      ...(v.SITEBOT_IAM_PERMISSIONS_BOUNDARY === undefined
        ? {}
        : { permissionsBoundary: v.SITEBOT_IAM_PERMISSIONS_BOUNDARY }),
    },
    ...(v.SITEBOT_CLOCK_URL ? { clockUrl: v.SITEBOT_CLOCK_URL } : {}),
    i18n: {
      lang: v.SITEBOT_LANG,
      ...(v.SITEBOT_TIME_ZONE ? { timeZone: v.SITEBOT_TIME_ZONE } : {}),
      channelTimeZones: v.SITEBOT_CHANNEL_TIME_ZONES,
    },
    siteCheck: v.SITEBOT_SITE_CHECK === 'on',
  };
}

/** The time zone a channel's office hours are read in. */
export function channelTimeZone(config: Pick<Config, 'timeZones'>, channel: string): string {
  return config.timeZones.byChannel[channel] ?? config.timeZones.default;
}
