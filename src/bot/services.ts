/**
 * The seam where workflows plug into the Slack surface. The bot parses, validates and
 * authorizes a command, then calls the matching service; a missing service answers
 * "not available yet". Services must return quickly (persist, schedule, reply): the bot
 * acks Slack with their reply.
 */
import type { RespondFn, webApi } from '@slack/bolt';
import type { Environment } from '../state/types';
import type {
  CreateCommand,
  DestroyCommand,
  ExtendCommand,
  FailoverCommand,
  HoursCommand,
  PowerCommand,
} from './grammar';
import type { Reply } from './views/reply';

export interface CommandContext {
  /** Slack user and channel the command came from. */
  userId: string;
  channelId: string;
  /** Web API client with the bot token (post/update progress messages). */
  client: webApi.WebClient;
  /** Posts to the command's response_url (later replies to the same person). */
  respond: RespondFn;
  now(): number;
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
  client: webApi.WebClient;
  /** Posts to the interaction's response_url (ephemeral refusals to the presser). */
  respond: RespondFn;
  now(): number;
}

export interface BotServices {
  startCreate?(cmd: CreateCommand, ctx: CommandContext): Promise<Reply>;
  startDestroy?(cmd: DestroyCommand, ctx: EnvCommandContext): Promise<Reply>;
  startFailover?(cmd: FailoverCommand, ctx: EnvCommandContext): Promise<Reply>;
  extend?(cmd: ExtendCommand, ctx: EnvCommandContext): Promise<Reply>;
  /** `/site sleep` and `/site wake`. */
  power?(cmd: PowerCommand, ctx: EnvCommandContext): Promise<Reply>;
  /** `/site hours`. */
  hours?(cmd: HoursCommand, ctx: EnvCommandContext): Promise<Reply>;
  /** Buttons whose action_id starts with `site_`; called after the ack. */
  handleButton?(press: ButtonPress, ctx: ButtonContext): Promise<void>;
}
