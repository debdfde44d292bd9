/**
 * The stand-in's memory of what was said where: channel messages (current text and blocks
 * after updates), thread replies and ephemerals. Emits every change so the console can redraw.
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
}

export type MessageChange = { type: 'new' | 'update' | 'delete'; message: StoredMessage };

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

  add(message: Omit<StoredMessage, 'ts' | 'edits'>): StoredMessage {
    const stored: StoredMessage = { ...message, ts: this.nextTs(), edits: 0 };
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
    patch: { text?: string; blocks?: unknown[] },
  ): StoredMessage | undefined {
    const message = this.find(channel, ts);
    if (!message) return undefined;
    if (patch.text !== undefined) message.text = patch.text;
    if (patch.blocks !== undefined) message.blocks = patch.blocks;
    message.edits += 1;
    this.emitChange({ type: 'update', message });
    return message;
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
    return (this.channels.get(channel) ?? []).map((m) => ({ ...m }));
  }

  channelIds(): string[] {
    return [...this.channels.keys()];
  }

  private emitChange(change: MessageChange): void {
    this.emit('change', change);
  }
}
