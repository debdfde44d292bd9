/**
 * The seam where workflows plug into the Slack surface. The bot parses, validates and
 * authorizes a command, acks Slack, then (in the job runner, src/bot/job-runner.ts) calls the
 * matching service, whose reply goes to the command's response_url; a missing service answers
 * "not available yet". Services persist, schedule and reply; runs do the slow work.
 */
import type { Lang } from '../i18n/locale';
import type { Texts } from '../i18n/texts';
import type { Environment } from '../state/types';
import type {
  CreateCommand,
  DestroyCommand,
  ExplainCommand,
  ExtendCommand,
  FailoverCommand,
  HoursCommand,
  LangCommand,
  PowerCommand,
} from './grammar';
import type { Respond } from './response-url';
import type { ChatClient } from './slack-chat';
import type { Reply } from './views/reply';

export interface CommandContext {
  /** Slack user and channel the command came from. */
  userId: string;
  channelId: string;
  /** Web API client with the bot token (post/update progress messages). */
  client: ChatClient;
  /** Posts to the command's response_url (later replies to the same person). */
  respond: Respond;
  now(): number;
  /** The reader's texts: their language (else the workspace's), this channel's time zone. */
  t: Texts;
  /** The reader's own choice (`/site lang`), recorded on runs they start; absent: the workspace's. */
  lang?: Lang;
}

/** For commands on an existing environment: the record, already authorized for this user. */
export interface EnvCommandContext extends CommandContext {
  env: Environment;
}

/** A button press, as read from Slack's block_actions payload (all of it may be forged). */
export interface ButtonPress {
  actionId: string;
  /** The button's value: the environment's name. */
  value: string;
  userId: string;
  channelId: string;
  /** The message the button was on. */
  messageTs: string;
}

export interface ButtonContext {
  client: ChatClient;
  /** Posts to the interaction's response_url (ephemeral refusals to the presser). */
  respond: Respond;
  now(): number;
  /** The presser's texts (private answers are in the reader's language). */
  t: Texts;
  lang?: Lang;
}

export interface BotServices {
  startCreate?(cmd: CreateCommand, ctx: CommandContext): Promise<Reply>;
  startDestroy?(cmd: DestroyCommand, ctx: EnvCommandContext): Promise<Reply>;
  startFailover?(cmd: FailoverCommand, ctx: EnvCommandContext): Promise<Reply>;
  extend?(cmd: ExtendCommand, ctx: EnvCommandContext): Promise<Reply>;
  /** `/site explain`: a step privately, or an env's create in its thread. */
  explain?(cmd: ExplainCommand, ctx: CommandContext): Promise<Reply>;
  /** `/site lang`: the reader's language, kept in DynamoDB. */
  setLang?(cmd: LangCommand, ctx: CommandContext): Promise<Reply>;
  /** `/site sleep` and `/site wake`. */
  power?(cmd: PowerCommand, ctx: EnvCommandContext): Promise<Reply>;
  /** `/site hours`. */
  hours?(cmd: HoursCommand, ctx: EnvCommandContext): Promise<Reply>;
  /** Buttons whose action_id starts with `site_`; called after the ack, in the job runner. */
  handleButton?(press: ButtonPress, ctx: ButtonContext): Promise<void>;
}
