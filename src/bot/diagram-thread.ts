/**
 * When a create succeeds, a picture of the environment goes into the ready message's thread as
 * a PNG — only where the app may upload files. Slack names a token's scopes on every Web API
 * answer (`x-oauth-scopes`, read by the client into `response_metadata.scopes`); the poster asks
 * once with `auth.test`, and without `files:write` it posts nothing, so the manifest's default
 * scopes still suffice. Uploads use Slack's current flow (files.getUploadURLExternal + upload +
 * files.completeUploadExternal) through the client's `filesUploadV2`.
 *
 * The picture is optional: it never delays the progress message (it is posted after it, in the
 * background), and a failure is reported to `onError` and not retried. Give it to the runner
 * before the progress sink: it then knows of the picture before the run's end is shown, so a
 * `flush` after that end waits for the picture too.
 */
import { DEFAULT_LANGUAGE_SETTINGS, type LanguageSettings } from '../i18n/locale';
import type { Run } from '../state/types';
import type { ProgressSink, RunEvent } from '../workflows/engine/types';
import { runTexts } from './language';

/** A PNG of the environment, made by whoever wires the bot (src/diagram knows AWS, the bot does not). */
export interface EnvironmentPicture {
  png: Buffer;
  /** What the picture shows, for screen readers. */
  alt: string;
}

export type RenderEnvironmentPicture = (env: string) => Promise<EnvironmentPicture | undefined>;

/** The slice of `@slack/web-api`'s WebClient the poster calls. */
export interface FilesClient {
  auth: { test(): Promise<{ response_metadata?: { scopes?: string[] } }> };
  filesUploadV2(args: {
    channel_id: string;
    thread_ts: string;
    file: Buffer;
    filename: string;
    title: string;
    alt_text: string;
    initial_comment: string;
  }): Promise<unknown>;
}

export const FILES_WRITE_SCOPE = 'files:write';

export interface DiagramThreadOptions {
  client: FilesClient;
  render: RenderEnvironmentPicture;
  /** Resolves once the run's own message shows its end, so the picture follows "ready". */
  afterProgress?(): Promise<void>;
  /** The workspace's language: the picture's words are in the language of whoever started the create. */
  language?: LanguageSettings;
  onError?(err: unknown, where: string): void;
}

export class DiagramThreadPoster implements ProgressSink {
  private readonly posted = new Set<string>();
  private readonly inFlight = new Set<Promise<void>>();
  private scopes?: Promise<boolean>;

  constructor(private readonly options: DiagramThreadOptions) {}

  /** The first update that shows a create succeeded (the one its message is finished with) starts the picture. */
  onRunUpdate(run: Run, _event: RunEvent): void {
    const thread = run.notify?.messageTs;
    const channel = run.notify?.channel;
    if (run.kind !== 'create' || run.status !== 'succeeded') return;
    if (!thread || !channel || this.posted.has(run.runId)) return;
    this.posted.add(run.runId);
    const job = this.post(run, channel, thread)
      .catch((err: unknown) => this.options.onError?.(err, `diagram ${run.runId}`))
      .finally(() => this.inFlight.delete(job));
    this.inFlight.add(job);
  }

  /** Resolves once every picture under way is posted (tests, shutdown). */
  async flush(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }

  /** Whether the token may upload files; asked once, and asked again after a failed ask. */
  private mayUpload(): Promise<boolean> {
    this.scopes ??= this.options.client.auth.test().then(
      (res) => (res.response_metadata?.scopes ?? []).includes(FILES_WRITE_SCOPE),
      (err: unknown) => {
        this.scopes = undefined;
        throw err;
      },
    );
    return this.scopes;
  }

  private async post(run: Run, channel: string, thread: string): Promise<void> {
    if (!(await this.mayUpload())) return;
    await this.options.afterProgress?.();
    const { env } = run;
    const picture = await this.options.render(env);
    if (!picture) return;
    const t = runTexts(this.options.language ?? DEFAULT_LANGUAGE_SETTINGS, run);
    await this.options.client.filesUploadV2({
      channel_id: channel,
      thread_ts: thread,
      file: picture.png,
      filename: `${env}-diagram.png`,
      title: t.run.diagramTitle({ env }),
      alt_text: picture.alt,
      initial_comment: t.run.diagramComment({ env }).text,
    });
  }
}
