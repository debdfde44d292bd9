/** What the console's server sends the page (JSON over fetch and Server-Sent Events). */
import type { MessageVerdict } from '../../verdict-lines';
import type { GrammarSpec } from './grammar';

export interface ConsoleFile {
  id: string;
  name: string;
  title: string;
  mimetype: string;
  size: number;
  /** Where the page fetches it (the console's own route, same origin). */
  url: string;
  alt?: string;
}

/**
 * A stored message (../../messages.ts, which the page cannot import: it is Node code) as the page
 * gets it: Slack's fields, file URLs of its own, and the stand-in's verdict.
 */
export interface ConsoleMessage {
  channel: string;
  ts: string;
  user: string;
  text: string;
  blocks: unknown[];
  thread_ts?: string;
  ephemeral_to?: string;
  edits: number;
  files?: ConsoleFile[];
  /**
   * What the strict stand-in said about it (../../verdict.ts): requests about it Slack refused,
   * warnings about its text, and whether Slack refused the message itself (`undelivered`).
   */
  verdict: MessageVerdict;
}

export type LogEvent = { type: 'new' | 'update' | 'delete'; message: ConsoleMessage };

export interface ConsoleUser {
  id: string;
  label: string;
}

export interface Bootstrap {
  channels: string[];
  users: ConsoleUser[];
  bot: { userId: string; name: string };
  grammar: GrammarSpec;
  /** Whether environment pictures are available (the AWS emulator is on). */
  diagrams: boolean;
  /** The workspace's language (SITEBOT_LANG): the page's when it asks for none. */
  lang: string;
}

export interface EnvironmentSummary {
  name: string;
  status: string;
  /** The status in the words of the language the page asked for (`being created`, `作成中`). */
  statusLabel: string;
  owner: string;
  channel: string;
}
