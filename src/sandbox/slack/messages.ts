/**
 * The stand-in's memory of what was said where: channel messages (current text and blocks
 * after updates), thread replies and ephemerals, each with the stand-in's flags (a warning about
 * its text, an update to it that Slack would have refused). Emits every change so the consoles
 * can redraw.
 */
import { EventEmitter } from 'node:events';
import type { SharedFile } from './files';

export interface StoredMessage {
  channel: string;
  ts: string;
  /** Who posted it: the bot's user id or a person's. */
  user: string;
  text: string;
  blocks: unknown[];
  thread_ts?: string;
  /** Set for ephemeral messages: the only user who sees it. */
  ephemeral_to?: string;
  /** How many times it was updated (chat.update, replace_original). */
  edits: number;
  /** Files shared with the message (files.completeUploadExternal). */
  files?: SharedFile[];
  /** What the stand-in found wrong with it or with requests about it (not part of Slack's shape). */
  flags: MessageFlag[];
}

/** A warning about a message, or a refused request concerning it (e.g. an update). */
export interface MessageFlag {
  level: 'refused' | 'warning';
  error: string;
  path?: string;
  detail?: string;
}

export type NewMessage = Omit<StoredMessage, 'ts' | 'edits' | 'flags'> &
  Partial<Pick<StoredMessage, 'flags'>>;

export type MessageChange = { type: 'new' | 'update' | 'delete' | 'flag'; message: StoredMessage };

export class MessageLog extends EventEmitter {
  private readonly channels = new Map<string, StoredMessage[]>();
  private lastMicros = 0;

  constructor(private readonly now: () => number = Date.now) {
    super();
  }

  /** Slack-style `seconds.micros` timestamps, unique and increasing. */
  nextTs(): string {
    this.lastMicros = Math.max(this.now() * 1000, this.lastMicros + 1);
    const s = Math.floor(this.lastMicros / 1_000_000);
    return `${s}.${String(this.lastMicros % 1_000_000).padStart(6, '0')}`;
  }

  add(message: NewMessage): StoredMessage {
    const stored: StoredMessage = { flags: [], ...message, ts: this.nextTs(), edits: 0 };
    const list = this.channels.get(message.channel) ?? [];
    list.push(stored);
    this.channels.set(message.channel, list);
    this.emitChange({ type: 'new', message: stored });
    return stored;
  }

  find(channel: string, ts: string): StoredMessage | undefined {
    return this.channels.get(channel)?.find((m) => m.ts === ts);
  }

  update(
    channel: string,
    ts: string,
    patch: { text?: string; blocks?: unknown[]; flags?: MessageFlag[] },
  ): StoredMessage | undefined {
    const message = this.find(channel, ts);
    if (!message) return undefined;
    if (patch.text !== undefined) message.text = patch.text;
    if (patch.blocks !== undefined) message.blocks = patch.blocks;
    message.flags.push(...(patch.flags ?? []));
    message.edits += 1;
    this.emitChange({ type: 'update', message });
    return message;
  }

  /** Adds flags without changing the message (e.g. an update to it was refused). */
  flag(channel: string, ts: string, flags: readonly MessageFlag[]): void {
    const message = this.find(channel, ts);
    if (!message || flags.length === 0) return;
    message.flags.push(...flags);
    this.emitChange({ type: 'flag', message });
  }

  delete(channel: string, ts: string): boolean {
    const list = this.channels.get(channel);
    const i = list?.findIndex((m) => m.ts === ts) ?? -1;
    if (!list || i < 0) return false;
    const [message] = list.splice(i, 1);
    this.emitChange({ type: 'delete', message });
    return true;
  }

  list(channel: string): StoredMessage[] {
    return (this.channels.get(channel) ?? []).map((m) => ({ ...m, flags: [...m.flags] }));
  }

  channelIds(): string[] {
    return [...this.channels.keys()];
  }

  private emitChange(change: MessageChange): void {
    this.emit('change', change);
  }
}
