/**
 * A self-hoster's first minutes, through the real CLI entry: on a DynamoDB with no sitebot
 * tables, every command names the missing table and `sitebot init`; `init` creates the tables
 * (again: changes nothing), checks the account and says what it found; then `create` works. An
 * endpoint that answers with a proxy's HTML page is reported with the service and HTTP status.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAwsClients } from '../../../src/aws/clients';
import { useCliHarness } from './cli-harness';

const h = useCliHarness();

/** A table prefix nothing has used: the tables do not exist. */
let fresh = 0;
const freshEnv = () => ({ SITEBOT_TABLE_PREFIX: `fresh${++fresh}` });

test('without tables: list names the table and the fix; init makes them and reports the account; create works', async () => {
  const env = freshEnv();
  const prefix = env.SITEBOT_TABLE_PREFIX;
  const missing = await h.run(['list'], { env });
  expect(missing.code).toBe(1);
  expect(missing.stderr).toBe(
    `sitebot: list failed: MissingTable: DynamoDB table ${prefix}-environments does not exist: ` +
      "run `sitebot init` to create sitebot's tables\n",
  );

  const init = await h.run(['init'], { env });
  expect(init.stderr).toBe('');
  expect(init.code).toBe(0);
  const lines = init.stdout.trim().split('\n');
  expect(lines[0]).toBe(
    `sitebot init: region ap-northeast-1, AZs ap-northeast-1a and ap-northeast-1c, tables ${prefix}-*`,
  );
  expect(lines).toContain(
    `ok          tables: created ${prefix}-environments, ${prefix}-runs, ${prefix}-locks, ${prefix}-audit, ${prefix}-outbox`,
  );
  expect(lines).toContain('ok          credentials: EC2 answered (platforms VPC; default VPC none)');
  expect(lines).toContain(
    'ok          region ap-northeast-1: AZs ap-northeast-1a (available), ap-northeast-1c (available), ap-northeast-1d (available)',
  );
  expect(lines).toContain(
    'ok          RDS service-linked role AWSServiceRoleForRDS: not yet; AWS creates it on the first create ' +
      '(the caller needs iam:CreateServiceLinkedRole for it)',
  );
  expect(lines).toContain('ok          VPCs in ap-northeast-1: 0 of 5 in use; this create adds 1');
  expect(lines.at(-1)).toBe('ready: sitebot create <env> can build here');

  const again = await h.run(['init'], { env });
  expect(again.code).toBe(0);
  expect(again.stdout).toContain(
    `ok          tables: all 5 present (${prefix}-environments, ${prefix}-runs, ${prefix}-locks, ${prefix}-audit, ${prefix}-outbox)`,
  );

  const created = await h.run(['create', 'first', '--json'], { env });
  expect(created.stderr).toBe('');
  expect(created.code).toBe(0);
  expect(JSON.parse(created.stdout)).toMatchObject({ env: 'first', status: 'succeeded' });
  expect((await h.run(['list'], { env })).stdout).toMatch(/\nfirst\s+ready\s+tester\s/);

  // The account has one VPC more now, and the service-linked roles AWS made on first use.
  const after = (await h.run(['init'], { env })).stdout;
  expect(after).toContain('ok          VPCs in ap-northeast-1: 1 of 5 in use; this create adds 1');
  expect(after).toContain('ok          RDS service-linked role AWSServiceRoleForRDS: present');
  expect(after).toContain(
    'ok          Elastic Load Balancing service-linked role AWSServiceRoleForElasticLoadBalancing: present',
  );
});

test('init on an account where a create would be refused exits 3 and says why', async () => {
  await h.emu.admin('POST', '/_sandbox/offerings', { removeInstanceTypes: [{ instanceType: 't3.micro' }] });
  try {
    const init = await h.run(['init'], { env: freshEnv() });
    expect(init.code).toBe(3);
    expect(init.stdout).toMatch(
      /\nnot ready: a create would be refused now: t3\.micro is not offered in ap-northeast-1a and ap-northeast-1c \(offered in none\): /,
    );
    // In Japanese: the check's line and the verdict, numbers and names kept.
    const ja = await h.run(['init'], { env: { ...freshEnv(), SITEBOT_LANG: 'ja' } });
    expect(ja.code).toBe(3);
    expect(ja.stdout).toContain(
      '\n拒否   t3.micro は ap-northeast-1a と ap-northeast-1c で提供されていません (提供されている AZ: なし): ',
    );
    expect(ja.stdout).toMatch(/\n準備未完了: 今は作成が拒否されます: t3\.micro は /);
    expect(ja.stdout).not.toMatch(/not offered|in use|this create/);
  } finally {
    await h.emu.admin('POST', '/_sandbox/reset');
  }
});

test('credentials AWS refuses: init says so, skips the account checks and exits 1', async () => {
  const ec2 = http.createServer((req, res) => {
    req.resume();
    res.writeHead(401, { 'content-type': 'text/xml' });
    res.end(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>AuthFailure</Code>' +
        '<Message>AWS was not able to validate the provided access credentials</Message></Error></Errors>' +
        '<RequestID>r-1</RequestID></Response>',
    );
  });
  await new Promise<void>((resolve) => ec2.listen(0, '127.0.0.1', resolve));
  try {
    const clients = createAwsClients({
      region: 'ap-northeast-1',
      endpoints: {
        ec2: `http://127.0.0.1:${(ec2.address() as AddressInfo).port}`,
        dynamodb: h.dynamo.endpoint,
      },
      credentials: { accessKeyId: 'AKIDWRONG', secretAccessKey: 'wrong' },
      maxAttempts: 1,
    });
    const init = await h.run(['init'], { env: freshEnv(), overrides: { clients } });
    expect(init.code).toBe(1);
    expect(init.stdout).toContain(
      'FAILED      credentials: AWS refused the credentials: AuthFailure: AWS was not able to validate ' +
        'the provided access credentials; account checks skipped\n',
    );
    expect(init.stdout).not.toContain('ready');
  } finally {
    await new Promise<void>((resolve) => ec2.close(() => resolve()));
  }
});

test('an HTML 502 from the DynamoDB endpoint: the service, the status and the type, not a parse error', async () => {
  const proxy = http.createServer((req, res) => {
    req.resume();
    res.writeHead(502, { 'content-type': 'text/html' });
    res.end('<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>');
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  try {
    const clients = createAwsClients({
      region: 'ap-northeast-1',
      endpoints: { dynamodb: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}` },
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
    const listed = await h.run(['list'], { overrides: { clients } });
    expect(listed.code).toBe(1);
    expect(listed.stderr).toBe(
      'sitebot: list failed: NonAwsResponse: DynamoDB answered HTTP 502 with a body that is not an AWS ' +
        'response (text/html)\n',
    );
  } finally {
    await new Promise<void>((resolve) => proxy.close(() => resolve()));
  }
});
