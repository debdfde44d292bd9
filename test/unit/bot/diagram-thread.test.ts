/** The ready thread's picture: only for a succeeded create, once, only with files:write, after the progress message. */
import { DiagramThreadPoster, type FilesClient } from '../../../src/bot/diagram-thread';
import type { Run } from '../../../src/state/types';

const run = (over: Partial<Run> = {}): Run => ({
  runId: 'r1',
  env: 'demo',
  kind: 'create',
  status: 'succeeded',
  requestedBy: 'U1',
  params: {},
  steps: {},
  createdAt: 0,
  updatedAt: 0,
  notify: { channel: 'C1', messageTs: '1.000100' },
  version: 3,
  ...over,
});

function fake(scopes: string[]) {
  const calls: string[] = [];
  const client: FilesClient = {
    auth: {
      test: async () => {
        calls.push('auth.test');
        return { response_metadata: { scopes } };
      },
    },
    filesUploadV2: async (args) => {
      calls.push(`upload ${args.channel_id} ${args.thread_ts} ${args.filename} ${args.file.length}`);
      return { ok: true };
    },
  };
  return { client, calls };
}

const render = async (env: string) => ({ png: Buffer.from('png!'), alt: `${env} picture` });

test('a succeeded create gets one picture in its thread, after its progress message is done', async () => {
  const { client, calls } = fake(['commands', 'chat:write', 'files:write']);
  const poster = new DiagramThreadPoster({
    client,
    render,
    afterProgress: async () => void calls.push('progress settled'),
  });
  poster.onRunUpdate(run({ status: 'running' }), { type: 'step', stepId: 'vpc' });
  poster.onRunUpdate(run({ kind: 'destroy' }), { type: 'finished' });
  poster.onRunUpdate(run({ status: 'failed' }), { type: 'finished' });
  poster.onRunUpdate(run({ notify: { channel: 'C1' } }), { type: 'finished' });
  expect(calls).toEqual([]);
  poster.onRunUpdate(run(), { type: 'finished' });
  poster.onRunUpdate(run(), { type: 'finished' });
  poster.onRunUpdate(run({ runId: 'r2', notify: { channel: 'C2', messageTs: '2.000200' } }), {
    type: 'finished',
  });
  await poster.flush();
  expect(calls).toEqual([
    'auth.test',
    'progress settled',
    'progress settled',
    'upload C1 1.000100 demo-diagram.png 4',
    'upload C2 2.000200 demo-diagram.png 4',
  ]);
});

test('without files:write nothing is rendered or uploaded; a failed upload is reported, not thrown', async () => {
  const plain = fake(['commands', 'chat:write']);
  let rendered = 0;
  const quiet = new DiagramThreadPoster({
    client: plain.client,
    render: async (e) => (rendered++, render(e)),
  });
  quiet.onRunUpdate(run(), { type: 'finished' });
  await quiet.flush();
  expect(plain.calls).toEqual(['auth.test']);
  expect(rendered).toBe(0);

  const errors: string[] = [];
  const broken = fake(['files:write']);
  broken.client.filesUploadV2 = async () => {
    throw new Error('ratelimited');
  };
  const poster = new DiagramThreadPoster({
    client: broken.client,
    render,
    onError: (err, where) => errors.push(`${where}: ${String(err)}`),
  });
  poster.onRunUpdate(run(), { type: 'finished' });
  await poster.flush();
  expect(errors).toEqual(['diagram r1: Error: ratelimited']);
});

test('the picture’s title and comment are in the language of whoever started the create', async () => {
  const said: string[] = [];
  const client: FilesClient = {
    auth: { test: async () => ({ response_metadata: { scopes: ['files:write'] } }) },
    filesUploadV2: async (args) => void said.push(`${args.title} | ${args.initial_comment}`),
  };
  const poster = new DiagramThreadPoster({ client, render, language: { lang: 'en' } });
  poster.onRunUpdate(run(), { type: 'finished' });
  poster.onRunUpdate(run({ runId: 'r2', params: { lang: 'ja' } }), { type: 'finished' });
  await poster.flush();
  expect(said[0]).toBe(
    'demo: what was built | What *demo* looks like now: the VPC over two AZs, the servers behind the ALB, the database primary and standby.',
  );
  expect(said[1]).toMatch(/^demo: 構築した環境 \| \*demo\* の現在の構成です/);
});
