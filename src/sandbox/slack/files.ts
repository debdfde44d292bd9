/**
 * Slack's file upload flow, as strict as the stand-in can be about it
 * (docs.slack.dev/reference/methods/files.getUploadURLExternal and …/files.completeUploadExternal):
 * 1. `files.getUploadURLExternal` (filename, length; `files:write`) → an upload URL and a file id;
 * 2. the bytes are POSTed to that URL, raw or as a multipart form;
 * 3. `files.completeUploadExternal` (files: [{id, title}], channel_id, thread_ts,
 *    initial_comment) shares them — once; a file not completed is never shown.
 * Both methods answer `missing_scope` without `files:write`, as Slack does.
 *
 * LIMITATIONS (our reading where Slack does not say): a completion of an id that was never
 * issued, never received its bytes, or was already completed is `file_not_found`; bytes that
 * differ from the declared `length` are refused at upload (HTTP 400); uploads over 10 MB are
 * refused (413); `channels` (comma list) is not supported, only `channel_id`.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MessageLog } from './messages';

export const FILES_WRITE = 'files:write';
const MAX_UPLOAD = 10 * 1024 * 1024;

/** A shared file as Slack describes it in a message's `files`. */
export interface SharedFile {
  id: string;
  name: string;
  title: string;
  mimetype: string;
  filetype: string;
  size: number;
  url_private: string;
  alt_txt?: string;
}

interface Pending {
  filename: string;
  length: number;
  altText?: string;
  data?: Buffer;
}

type Result = Record<string, unknown> & { ok: boolean };

const MIME: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  svg: 'image/svg+xml',
  txt: 'text/plain',
  json: 'application/json',
  pdf: 'application/pdf',
};

function typeOf(filename: string): { filetype: string; mimetype: string } {
  const ext = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase() ?? '';
  return { filetype: ext || 'binary', mimetype: MIME[ext] ?? 'application/octet-stream' };
}

/** The file part of a multipart/form-data body, or undefined when there is none. */
function multipartFile(body: Buffer, contentType: string): Buffer | undefined {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!boundary) return undefined;
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    const next = body.indexOf(delimiter, at + delimiter.length);
    if (next < 0) break;
    const part = body.subarray(at + delimiter.length, next);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd >= 0 && /filename=/i.test(part.subarray(0, headerEnd).toString('utf8'))) {
      // The part ends with the CRLF before the next delimiter.
      return part.subarray(headerEnd + 4, part.length - 2);
    }
    at = next;
  }
  return undefined;
}

async function readRaw(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_UPLOAD) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function fileList(v: unknown): unknown[] | undefined {
  if (Array.isArray(v)) return v;
  if (typeof v !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(v);
    return Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export interface FileStoreOptions {
  log: MessageLog;
  /** Who posts the file messages: the bot user. */
  botUserId: string;
  /** The token `url_private` needs. */
  botToken: string;
  scopes(): readonly string[];
  baseUrl(): string;
}

export class FileStore {
  private readonly pending = new Map<string, Pending>();
  private readonly shared = new Map<string, { meta: SharedFile; data: Buffer }>();

  constructor(private readonly options: FileStoreOptions) {}

  /** A Web API method of the upload flow, or undefined when `method` is not one. */
  call(method: string, args: Record<string, unknown>): Result | undefined {
    if (method !== 'files.getUploadURLExternal' && method !== 'files.completeUploadExternal')
      return undefined;
    const scopes = this.options.scopes();
    if (!scopes.includes(FILES_WRITE)) {
      return { ok: false, error: 'missing_scope', needed: FILES_WRITE, provided: scopes.join(',') };
    }
    return method === 'files.getUploadURLExternal' ? this.uploadUrl(args) : this.complete(args);
  }

  private uploadUrl(args: Record<string, unknown>): Result {
    const filename = typeof args.filename === 'string' ? args.filename.trim() : '';
    const length = Number(args.length);
    if (!filename || !Number.isInteger(length) || length <= 0)
      return { ok: false, error: 'invalid_arguments' };
    const alt =
      typeof args.alt_txt === 'string'
        ? args.alt_txt
        : typeof args.alt_text === 'string'
          ? args.alt_text
          : undefined;
    if (alt && alt.length > 1000) return { ok: false, error: 'alt_txt_too_large' };
    const id = `F${randomBytes(5).toString('hex').toUpperCase()}`;
    this.pending.set(id, { filename, length, ...(alt ? { altText: alt } : {}) });
    return { ok: true, upload_url: `${this.options.baseUrl()}/_sandbox/slack/upload/${id}`, file_id: id };
  }

  private complete(args: Record<string, unknown>): Result {
    const list = fileList(args.files);
    if (!list || list.length === 0) return { ok: false, error: 'invalid_arguments' };
    const channel = typeof args.channel_id === 'string' && args.channel_id ? args.channel_id : undefined;
    const threadTs = typeof args.thread_ts === 'string' && args.thread_ts ? args.thread_ts : undefined;
    // A thread needs its channel (the docs: "provide only one channel when using thread_ts").
    if (threadTs && !channel) return { ok: false, error: 'invalid_arguments' };
    const wanted = list.map((f) =>
      typeof f === 'object' && f !== null ? (f as Record<string, unknown>) : {},
    );
    for (const f of wanted) {
      const p = typeof f.id === 'string' ? this.pending.get(f.id) : undefined;
      if (!p?.data) return { ok: false, error: 'file_not_found' };
    }
    const files = wanted.map((f) => {
      const id = f.id as string;
      const p = this.pending.get(id)!;
      this.pending.delete(id);
      const meta: SharedFile = {
        id,
        name: p.filename,
        title: typeof f.title === 'string' && f.title ? f.title : p.filename,
        ...typeOf(p.filename),
        size: p.data!.length,
        url_private: `${this.options.baseUrl()}/_sandbox/slack/files/${id}/${encodeURIComponent(p.filename)}`,
        ...(p.altText ? { alt_txt: p.altText } : {}),
      };
      this.shared.set(id, { meta, data: p.data! });
      return meta;
    });
    if (channel) {
      this.options.log.add({
        channel,
        user: this.options.botUserId,
        text: typeof args.initial_comment === 'string' ? args.initial_comment : '',
        blocks: [],
        ...(threadTs ? { thread_ts: threadTs } : {}),
        files,
      });
    }
    return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title })) };
  }

  /** A shared file's bytes and description. */
  read(id: string): { meta: SharedFile; data: Buffer } | undefined {
    return this.shared.get(id);
  }

  /** The upload URLs and `url_private` downloads; false when the path is neither. */
  async route(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
    const upload = /^\/_sandbox\/slack\/upload\/([A-Z0-9]+)$/.exec(path);
    if (upload && req.method === 'POST') {
      const p = this.pending.get(upload[1]);
      const raw = p && (await readRaw(req));
      const type = req.headers['content-type'] ?? '';
      const data = raw && (type.startsWith('multipart/form-data') ? multipartFile(raw, type) : raw);
      const [status, text] = !p
        ? [404, 'no such upload']
        : !raw
          ? [413, 'file too large']
          : !data || data.length !== p.length
            ? [400, `expected ${p.length} bytes`]
            : [200, `OK - ${data.length}`];
      if (status === 200 && p && data) p.data = data;
      res.writeHead(status, { 'content-type': 'text/plain' }).end(text);
      return true;
    }
    const download = /^\/_sandbox\/slack\/files\/([A-Z0-9]+)(?:\/[^/]*)?$/.exec(path);
    if (download && req.method === 'GET') {
      const file = this.shared.get(download[1]);
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (bearer !== this.options.botToken) res.writeHead(403).end();
      else if (!file) res.writeHead(404).end();
      else sendFile(res, file);
      return true;
    }
    return false;
  }
}

/** A file's bytes, never to be sniffed or run as a page (an SVG could carry script). */
export function sendFile(res: ServerResponse, file: { meta: SharedFile; data: Buffer }): void {
  res
    .writeHead(200, {
      'content-type': file.meta.mimetype,
      'content-length': file.data.length,
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    })
    .end(file.data);
}
