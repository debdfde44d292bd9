/**
 * What the bot may do in each channel. By default the bot is a member of every channel; a test
 * or a person can say otherwise per channel, and the Web API then answers as Slack does:
 * `not_in_channel` (the bot was not invited), `is_archived`, `channel_not_found`.
 * Errors: https://docs.slack.dev/reference/methods/chat.postMessage
 */
import { z } from 'zod';

export const CHANNEL_STATES = ['member', 'not_in_channel', 'is_archived', 'channel_not_found'] as const;
export const channelStateSchema = z.enum(CHANNEL_STATES);
export type ChannelState = z.infer<typeof channelStateSchema>;

export class ChannelStates {
  private readonly states = new Map<string, ChannelState>();

  set(channel: string, state: ChannelState): void {
    if (state === 'member') this.states.delete(channel);
    else this.states.set(channel, state);
  }

  get(channel: string): ChannelState {
    return this.states.get(channel) ?? 'member';
  }

  /** The error a chat.* call in `channel` gets before anything else is looked at, if any. */
  refusal(channel: string): Exclude<ChannelState, 'member'> | undefined {
    if (channel === '') return 'channel_not_found';
    const state = this.get(channel);
    return state === 'member' ? undefined : state;
  }
}
