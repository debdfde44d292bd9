/**
 * Runs a job (./jobs.ts) after the ack: a command through its service, its reply to the
 * command's response_url; a button press through the button service. The same code on the
 * Lambda worker and in the sandbox.
 *
 * A job runs at most once however often it is delivered (SQS delivers at least once): it is
 * claimed by id first. A service that fails is answered "Something went wrong" and the job ends
 * there; it is not retried, since part of it may have happened (a run started, a message posted).
 */
import type { Config } from '../config/config';
import type { StateStore } from '../state/types';
import { dispatchCommand } from './dispatch';
import { readerVoice } from './language';
import { InProcessJobQueue, type BotJob, type JobOutcome, type JobRunner } from './jobs';
import { createResponder, type Respond, type ResponseUrlPost } from './response-url';
import type { BotServices } from './services';
import type { ChatClient } from './slack-chat';
import { renderFailure } from './views/error';
import type { Reply } from './views/reply';

export interface JobRunnerDeps {
  config: Config;
  store: StateStore;
  services: BotServices;
  chat: ChatClient;
  /** Create-if-absent claim of a job id (the outbox table's once-claims); true the first time. */
  claimOnce(key: string, now: number): Promise<boolean>;
  /** The domain clock (ages, TTLs, runs). */
  now(): number;
  /** Real time: the response_url's 30 minutes count in it. */
  realNow?(): number;
  /** POSTs to a response_url (default: fetch). */
  post?: ResponseUrlPost;
  log(line: string): void;
}

export function createJobRunner(deps: JobRunnerDeps): JobRunner {
  const realNow = deps.realNow ?? Date.now;
  return async (job) => {
    if (!(await deps.claimOnce(`job#${job.id}`, realNow()))) {
      deps.log(`job ${job.id}: already handled, skipped`);
      return {};
    }
    const [userId, channelId] =
      job.kind === 'command' ? [job.userId, job.channelId] : [job.press.userId, job.press.channelId];
    const respond = createResponder({
      url: job.responseUrl,
      receivedAt: job.receivedAt,
      channel: channelId,
      user: userId,
      chat: deps.chat,
      ...(deps.post ? { post: deps.post } : {}),
      now: realNow,
    });
    return job.kind === 'command' ? runCommand(deps, job, respond) : runButton(deps, job, respond);
  };
}

/** Jobs run in this process by this runner, right after the ack (the sandbox, Socket Mode). */
export function runJobsInProcess(
  deps: JobRunnerDeps,
  onError: (err: unknown, job: BotJob) => void,
): InProcessJobQueue {
  return new InProcessJobQueue(createJobRunner(deps), onError);
}

async function runCommand(
  deps: JobRunnerDeps,
  job: Extract<BotJob, { kind: 'command' }>,
  respond: Respond,
): Promise<JobOutcome> {
  const what = `/site ${job.text.split(/\s+/)[0] ?? ''}`;
  const voice = await readerVoice(deps.config.i18n, deps.store.preferences, job.userId, job.channelId);
  const ctx = {
    userId: job.userId,
    channelId: job.channelId,
    client: deps.chat,
    respond,
    now: deps.now,
    ...voice,
  };
  let reply: Reply;
  try {
    reply = await dispatchCommand(job.text, ctx, deps);
  } catch (err) {
    deps.log(`${what} failed: ${describe(err)}`);
    reply = renderFailure(voice.t, what, describe(err));
  }
  try {
    await respond(reply);
  } catch (err) {
    deps.log(`/site ${job.text.split(/\s+/)[0] ?? ''}: the answer could not be sent: ${describe(err)}`);
  }
  return { reply };
}

async function runButton(
  deps: JobRunnerDeps,
  job: Extract<BotJob, { kind: 'button' }>,
  respond: Respond,
): Promise<JobOutcome> {
  if (!deps.services.handleButton) return {};
  const { press } = job;
  const voice = await readerVoice(deps.config.i18n, deps.store.preferences, press.userId, press.channelId);
  try {
    await deps.services.handleButton(press, { client: deps.chat, respond, now: deps.now, ...voice });
  } catch (err) {
    deps.log(`button ${press.actionId} failed: ${describe(err)}`);
    await respond({
      ...renderFailure(voice.t, voice.t.errors.theButton(), describe(err)),
      replace_original: false,
    }).catch(() => undefined);
  }
  return {};
}

/** Error name and message only: never request bodies or tokens. */
function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : 'unknown error';
}
