/** A response_url takes five posts within 30 minutes; past that the Web API answers instead. */
import { createResponder, RESPONSE_URL_TTL_MS } from '../../../src/bot/response-url';
import type { ChatClient } from '../../../src/bot/slack-chat';

function setup(receivedAt = 0) {
  let now = receivedAt;
  const viaUrl: string[] = [];
  const viaApi: string[] = [];
  const chat: ChatClient = {
    chat: {
      postMessage: async (a) => (viaApi.push(`post ${a.channel} ${a.text}`), { ts: '1.1' }),
      update: async () => ({}),
      postEphemeral: async (a) => void viaApi.push(`ephemeral ${a.channel} ${a.user} ${a.text}`),
    },
  };
  const respond = createResponder({
    url: 'https://hooks.slack.test/r/1',
    receivedAt,
    channel: 'C1',
    user: 'U1',
    chat,
    post: async (_url, body) => void viaUrl.push(body.text),
    now: () => now,
  });
  return { respond, viaUrl, viaApi, advance: (ms: number) => (now += ms) };
}

test('five answers through the URL, the sixth through chat.postEphemeral', async () => {
  const { respond, viaUrl, viaApi } = setup();
  for (let i = 1; i <= 6; i++) await respond({ text: `answer ${i}` });
  expect(viaUrl).toEqual(['answer 1', 'answer 2', 'answer 3', 'answer 4', 'answer 5']);
  expect(viaApi).toEqual(['ephemeral C1 U1 answer 6']);
});

test('30 minutes after the request the URL is not used: ephemeral via the Web API, in-channel as a post', async () => {
  const { respond, viaUrl, viaApi, advance } = setup(1_000);
  advance(RESPONSE_URL_TTL_MS - 1);
  await respond({ text: 'just in time' });
  advance(1);
  await respond({ text: 'too late' });
  await respond({ response_type: 'in_channel', text: 'for everyone' });
  expect(viaUrl).toEqual(['just in time']);
  expect(viaApi).toEqual(['ephemeral C1 U1 too late', 'post C1 for everyone']);
});
