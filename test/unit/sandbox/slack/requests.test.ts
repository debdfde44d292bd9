/** What the stand-in sends the app, field for field, and the ids Slack fills in. */
import type { StoredMessage } from '../../../../src/sandbox/slack/messages';
import {
  blockActionsBody,
  escapeTyped,
  slashCommandBody,
  sslCheckBody,
  type Workspace,
} from '../../../../src/sandbox/slack/requests';
import { fillSlackIds } from '../../../../src/sandbox/slack/slack-ids';

const ws: Workspace = {
  team: { id: 'T1', domain: 'team' },
  enterprise: { id: 'E1', name: 'Grid' },
  appId: 'A1',
  verificationToken: 'vtoken',
};

const message = (extra: Partial<StoredMessage> = {}): StoredMessage => ({
  channel: 'C1',
  ts: '1.000001',
  user: 'U0SITEBOT',
  text: 'hi',
  blocks: [],
  edits: 0,
  flags: [],
  ...extra,
});
const button = { action_id: 'go', block_id: 'b1', text: 'Go', value: 'demo' };

describe('slash commands', () => {
  const body = (text: string, w: Workspace = ws) =>
    Object.fromEntries(
      new URLSearchParams(
        slashCommandBody(w, {
          command: '/site',
          text,
          user: 'U1',
          channel: 'C9',
          responseUrl: 'http://r',
          nowMs: 5000,
        }),
      ),
    );

  it('carries every field Slack sends, Enterprise Grid ones included', () => {
    expect(body('help')).toEqual({
      token: 'vtoken',
      team_id: 'T1',
      team_domain: 'team',
      enterprise_id: 'E1',
      enterprise_name: 'Grid',
      channel_id: 'C9',
      channel_name: 'c9',
      user_id: 'U1',
      user_name: 'u1',
      command: '/site',
      text: 'help',
      api_app_id: 'A1',
      is_enterprise_install: 'false',
      response_url: 'http://r',
      trigger_id: expect.stringMatching(/^\d+\.\d+\.[0-9a-f]+$/),
    });
  });

  it('leaves out the Enterprise fields for a standalone workspace', () => {
    expect(body('help', { ...ws, enterprise: null })).not.toHaveProperty('enterprise_id');
  });

  it('escapes &, < and > in the typed text as Slack does', () => {
    expect(body('create <env> & more')).toMatchObject({ text: 'create &lt;env&gt; &amp; more' });
    expect(escapeTyped('a&b<c>d')).toBe('a&amp;b&lt;c&gt;d');
  });

  it('ssl_check carries only ssl_check=1 and the token', () => {
    expect(sslCheckBody(ws)).toBe('ssl_check=1&token=vtoken');
  });
});

describe('block_actions', () => {
  const payload = (m: StoredMessage) =>
    JSON.parse(
      new URLSearchParams(
        blockActionsBody(ws, { message: m, button, user: 'U2', responseUrl: 'http://r', nowMs: 5000 }),
      ).get('payload')!,
    ) as Record<string, unknown>;

  it('names the message in container and sends it in message', () => {
    const p = payload(message());
    expect(p.container).toEqual({
      type: 'message',
      message_ts: '1.000001',
      channel_id: 'C1',
      is_ephemeral: false,
    });
    expect(p.message).toMatchObject({ ts: '1.000001', text: 'hi' });
    expect(p.enterprise).toEqual({ id: 'E1', name: 'Grid' });
    expect(p.actions).toEqual([expect.objectContaining({ action_id: 'go', block_id: 'b1', value: 'demo' })]);
  });

  it('for an ephemeral message: container says so, and there is no message', () => {
    const p = payload(message({ ephemeral_to: 'U2' }));
    expect(p.container).toMatchObject({ is_ephemeral: true, message_ts: '1.000001' });
    expect(p).not.toHaveProperty('message');
  });
});

describe('fillSlackIds', () => {
  it('gives blocks without a block_id a short Slack-like one and keeps the ones set', () => {
    const filled = fillSlackIds([{ type: 'divider' }, { type: 'divider', block_id: 'mine' }]) as Record<
      string,
      unknown
    >[];
    expect(filled[0].block_id).toMatch(/^[A-Za-z0-9+/=]{3,5}$/);
    expect(filled[1].block_id).toBe('mine');
  });

  it('gives interactive elements without an action_id one, and leaves images alone', () => {
    const [actions, section] = fillSlackIds([
      { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Go' } }] },
      {
        type: 'section',
        text: { type: 'mrkdwn', text: 'a' },
        accessory: { type: 'image', image_url: 'u', alt_text: 'a' },
      },
    ]) as { elements?: Record<string, unknown>[]; accessory?: Record<string, unknown> }[];
    expect(actions.elements![0].action_id).toMatch(/^[A-Za-z0-9+/=]{4}$/);
    expect(section.accessory).not.toHaveProperty('action_id');
  });

  it('never gives two blocks of a message the same id', () => {
    const filled = fillSlackIds(Array.from({ length: 50 }, () => ({ type: 'divider' }))) as {
      block_id: string;
    }[];
    expect(new Set(filled.map((b) => b.block_id)).size).toBe(50);
  });
});
