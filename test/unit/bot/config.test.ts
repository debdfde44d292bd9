/** The configuration fields the Slack surface reads (src/config/config.ts). */
import { loadConfig } from '../../../src/config/config';

test('defaults: sandbox secrets, no Slack API override, port 3000, 24h/7d TTLs', () => {
  const c = loadConfig({});
  expect(c.slack.apiUrl).toBeUndefined();
  expect(c.slack.botId).toBeUndefined();
  expect(c.port).toBe(3000);
  expect(c.ttl).toEqual({ defaultMs: 86_400_000, maxMs: 7 * 86_400_000 });
  expect(c.slack.allowedChannels).toEqual([]);
});

test('Slack settings and lists are read from the environment', () => {
  const c = loadConfig({
    SLACK_API_URL: 'http://127.0.0.1:3001/api/',
    SLACK_BOT_ID: 'B1',
    SLACK_BOT_USER_ID: 'U0BOT',
    SITEBOT_ALLOWED_CHANNELS: ' C1, C2 ,',
    SITEBOT_ADMINS: 'UA',
    PORT: '8080',
  });
  expect(c.slack).toMatchObject({
    apiUrl: 'http://127.0.0.1:3001/api/',
    botId: 'B1',
    botUserId: 'U0BOT',
    allowedChannels: ['C1', 'C2'],
    admins: ['UA'],
  });
  expect(c.port).toBe(8080);
});

test('the IAM path defaults to /sitebot/ with no boundary; the stack sets both', () => {
  expect(loadConfig({}).iam).toEqual({ path: '/sitebot/' });
  const boundary = 'arn:aws:iam::123456789012:policy/sitebot-prod-web-boundary';
  expect(
    loadConfig({ SITEBOT_IAM_PATH: '/sitebot/prod/', SITEBOT_IAM_PERMISSIONS_BOUNDARY: boundary }).iam,
  ).toEqual({
    path: '/sitebot/prod/',
    permissionsBoundary: boundary,
  });
});

test.each([
  [{ SITEBOT_IAM_PATH: 'sitebot/prod' }, /SITEBOT_IAM_PATH/],
  [{ SITEBOT_IAM_PATH: '/sitebot prod/' }, /SITEBOT_IAM_PATH/],
  [{ SITEBOT_IAM_PERMISSIONS_BOUNDARY: 'sitebot-prod-web-boundary' }, /SITEBOT_IAM_PERMISSIONS_BOUNDARY/],
  [
    { SITEBOT_IAM_PERMISSIONS_BOUNDARY: 'arn:aws:iam::123456789012:role/x' },
    /SITEBOT_IAM_PERMISSIONS_BOUNDARY/,
  ],
  [{ PORT: '70000' }, /PORT/],
  [{ SLACK_API_URL: 'not a url' }, /SLACK_API_URL/],
  [{ SITEBOT_MAX_TTL: 'forever' }, /SITEBOT_MAX_TTL/],
  [{ SITEBOT_DEFAULT_TTL: '8d' }, /SITEBOT_DEFAULT_TTL is over SITEBOT_MAX_TTL/],
  [{ SITEBOT_SITE_CHECK: 'no' }, /SITEBOT_SITE_CHECK: must be on or off/],
])('a bad value is refused, naming the variable: %j', (env, message) => {
  expect(() => loadConfig(env)).toThrow(message);
});

test('the site check is on unless SITEBOT_SITE_CHECK=off', () => {
  expect(loadConfig({}).siteCheck).toBe(true);
  expect(loadConfig({ SITEBOT_SITE_CHECK: 'on' }).siteCheck).toBe(true);
  expect(loadConfig({ SITEBOT_SITE_CHECK: 'off' }).siteCheck).toBe(false);
});
