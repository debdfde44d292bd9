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
import type { Run } from '../state/types';
import type { ProgressSink, RunEvent } from '../workflows/engine/types';

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
    const job = this.post(run.env, channel, thread)
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

  private async post(env: string, channel: string, thread: string): Promise<void> {
    if (!(await this.mayUpload())) return;
    await this.options.afterProgress?.();
    const picture = await this.options.render(env);
    if (!picture) return;
    await this.options.client.filesUploadV2({
      channel_id: channel,
      thread_ts: thread,
      file: picture.png,
      filename: `${env}-diagram.png`,
      title: `${env}: what was built`,
      alt_text: picture.alt,
      initial_comment: `What *${env}* looks like now: the VPC over two AZs, the servers behind the ALB, the database primary and standby.`,
    });
  }
}
