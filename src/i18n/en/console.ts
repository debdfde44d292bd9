/**
 * The sandbox's web console (src/sandbox/slack/web): its page, completion hints, buttons, dialogs
 * and notes. Plain text only (the page puts it in as DOM text, never markup), and no imports:
 * the page's script bundles this file. Japanese: ../ja/console.ts.
 */
export const webConsole = () => ({
  /** The page's `<title>`. */
  title: () => 'sitebot sandbox — Slack console',
  workspace: () => 'sitebot sandbox',
  sidebar: () => 'Workspace',
  youAre: () => 'You are',
  actAs: () => 'Act as user',
  language: () => 'Language',
  channels: () => 'Channels',
  environments: () => 'Environments',
  newEnv: () => '＋ new',
  newEnvTitle: () => 'Create an environment',
  noEnvs: () => 'none yet: /site create demo',
  noEmulator: () => 'none (no AWS emulator)',
  envTitle: (a: { status: string; owner: string }) => `${a.status}, owner ${a.owner}`,
  sidebarNote: () => 'Everything here runs on 127.0.0.1: a Slack stand-in, the bot, an AWS emulator.',
  channel: () => 'Channel',
  message: () => 'Message',
  placeholder: () => 'Type /site help, /site create demo …',
  send: () => 'Send',
  close: () => 'Close',
  threadIn: (a: { channel: string }) => `Thread in #${a.channel}`,
  environment: (a: { name: string }) => `Environment ${a.name}`,
  /** The environment pane's buttons (each sends the `/site` command shown beside it). */
  status: () => 'Status',
  drillAll: () => 'Failover drill (web + db)',
  drillDb: () => 'DB failover drill',
  extend: () => 'Extend 8h',
  destroy: () => 'Destroy…',
  cannotDraw: (a: { why: string }) => `could not draw it: ${a.why}`,
  httpStatus: (a: { command: string; status: number }) =>
    `The bot answered ${a.command} with HTTP ${a.status}.`,
  buttonStatus: (a: { label: string; status: number }) =>
    `The bot answered the ${a.label} button with HTTP ${a.status}.`,
  cannotStart: (a: { why: string }) => `The console could not start: ${a.why}`,
  /** Slack's own words on a message. */
  app: () => 'APP',
  edited: () => '(edited)',
  onlyYou: () => '👁 Only visible to you',
  dismiss: () => 'Dismiss',
  replies: (a: { n: number }) => `${a.n} ${a.n === 1 ? 'reply' : 'replies'}`,
  kb: (a: { kb: number }) => `${a.kb} KB`,
  /** A confirm dialog that names no words of its own (Slack's defaults). */
  confirmTitle: () => 'Are you sure?',
  confirmYes: () => 'Yes',
  confirmNo: () => 'Cancel',
  /** The stand-in's verdict above a message (what Slack would have refused or warned about). */
  refusedMessage: () => 'Slack refused this message (nobody saw it)',
  refusedRequest: () => 'Slack refused a request about this message',
  /** Completion hints. */
  hintEnv: () => 'an environment name: 3–20 lowercase letters, digits and hyphens',
  hintDur: () => 'a duration like 90m, 8h or 3d',
  hintExisting: () => 'environment',
  hintSwitch: () => 'switch',
});

export type ConsoleTexts = ReturnType<typeof webConsole>;

/** The languages the console's page offers, each named in its own words. */
export const CONSOLE_LANGUAGE_NAMES = { en: 'English', ja: '日本語' } as const;
