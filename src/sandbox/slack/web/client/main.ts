/**
 * The sandbox's Slack-like console page: channels and a user switcher on the left, the channel
 * in the middle, a thread or an environment's pictures on the right. Everything it shows comes
 * from the Slack stand-in's record of what the bot sent, kept current over Server-Sent Events.
 */
import { ApiError, getJson, getSvgText, postJson, svgNode } from './api';
import type { ButtonSpec } from './blocks';
import { Composer } from './composer';
import { confirmDialog } from './dialog';
import { byId, h } from './dom';
import { MessageList, type ViewContext } from './messages-view';
import { compareTs } from './order';
import { LANGUAGE_NAMES, pageTexts } from './texts';
import type { Bootstrap, ConsoleMessage, EnvironmentSummary, LogEvent } from './types';

const { lang, t } = pageTexts();

interface State {
  boot: Bootstrap;
  user: string;
  channel: string;
  /** Every message seen, by channel then ts. */
  messages: Map<string, Map<string, ConsoleMessage>>;
  dismissed: Set<string>;
  unread: Set<string>;
  envs: EnvironmentSummary[];
  pane?: { kind: 'thread'; ts: string } | { kind: 'env'; name: string };
}

async function start(): Promise<void> {
  const boot = await getJson<Bootstrap>('/_console/bootstrap');
  const params = new URLSearchParams(location.search);
  const state: State = {
    boot,
    user: boot.users.some((u) => u.id === params.get('user'))
      ? params.get('user')!
      : (boot.users[0]?.id ?? 'U1'),
    channel: params.get('channel') ?? boot.channels[0] ?? 'C1',
    messages: new Map(),
    dismissed: new Set(),
    unread: new Set(),
    envs: [],
  };

  const channelMessages = (channel = state.channel) => {
    let map = state.messages.get(channel);
    if (!map) {
      map = new Map();
      state.messages.set(channel, map);
    }
    return map;
  };
  const visible = (m: ConsoleMessage) =>
    (!m.ephemeral_to || m.ephemeral_to === state.user) && !state.dismissed.has(m.ts);
  const isReply = (m: ConsoleMessage) => m.thread_ts !== undefined && m.thread_ts !== m.ts;

  const ctx = (): ViewContext => ({
    t,
    me: state.user,
    botUserId: boot.bot.userId,
    botName: boot.bot.name,
    userLabel: (id) => boot.users.find((u) => u.id === id)?.label ?? id,
    press: (m, button, el) => void press(m, button, el),
    openThread: (ts) => openThread(ts),
    dismiss: (ts) => {
      state.dismissed.add(ts);
      main.remove(ts);
      thread.remove(ts);
    },
    replyCount: (ts) =>
      [...channelMessages().values()].filter((r) => r.thread_ts === ts && isReply(r) && visible(r)).length,
  });

  const main = new MessageList(byId('messages'), ctx);
  const thread = new MessageList(h('div', { class: 'thread-messages' }), ctx, true);
  const showLocalNote = (text: string) =>
    byId('messages').append(h('div', { class: 'local-note', attrs: { role: 'alert' } }, text));

  // --- the channel ---
  let drawn = '';
  /** Draws the channel; a message already on the page is redrawn in place, never made again. */
  const drawChannel = () => {
    byId('channel-name').textContent = state.channel;
    const switched = drawn !== state.channel;
    if (switched) main.clear();
    drawn = state.channel;
    main.sync(
      [...channelMessages().values()]
        .filter((m) => !isReply(m) && visible(m))
        .sort((a, b) => compareTs(a.ts, b.ts)),
    );
    if (switched) main.container.scrollTop = main.container.scrollHeight;
  };
  const loadChannel = async () => {
    const { messages } = await getJson<{ messages: ConsoleMessage[] }>(
      `/_console/messages?channel=${encodeURIComponent(state.channel)}`,
    );
    const map = channelMessages();
    map.clear();
    for (const m of messages) map.set(m.ts, m);
    drawChannel();
    if (state.pane?.kind === 'thread') openThread(state.pane.ts);
  };

  const drawChannelList = () => {
    const channels = [...new Set([...boot.channels, ...state.messages.keys()])].sort();
    byId('channel-list').replaceChildren(
      ...channels.map((c) =>
        h(
          'li',
          {},
          h(
            'button',
            {
              class: [c === state.channel ? 'active' : '', state.unread.has(c) ? 'unread' : '']
                .filter(Boolean)
                .join(' '),
              attrs: { type: 'button', 'data-channel': c },
              on: {
                click: () => {
                  state.channel = c;
                  state.unread.delete(c);
                  if (state.pane?.kind === 'thread') closePane();
                  drawChannelList();
                  void loadChannel();
                },
              },
            },
            h('span', { class: 'hash' }, '#'),
            c,
          ),
        ),
      ),
    );
  };

  const userSelect = byId<HTMLSelectElement>('user-select');
  userSelect.replaceChildren(...boot.users.map((u) => h('option', { attrs: { value: u.id } }, u.label)));
  userSelect.value = state.user;
  // The language: the page is served again in the one chosen (`?lang=`), keeping who and where.
  const langSelect = byId<HTMLSelectElement>('lang-select');
  langSelect.replaceChildren(
    ...Object.entries(LANGUAGE_NAMES).map(([code, name]) => h('option', { attrs: { value: code } }, name)),
  );
  langSelect.value = lang;
  langSelect.addEventListener('change', () => {
    const next = new URLSearchParams({ lang: langSelect.value, user: state.user, channel: state.channel });
    location.search = next.toString();
  });

  userSelect.addEventListener('change', () => {
    state.user = userSelect.value;
    drawChannel();
    if (state.pane?.kind === 'thread') openThread(state.pane.ts);
  });

  // --- the side pane: a thread, or an environment ---
  const pane = byId('pane');
  const closePane = () => {
    state.pane = undefined;
    pane.hidden = true;
  };
  byId('pane-close').addEventListener('click', closePane);

  function openThread(ts: string): void {
    state.pane = { kind: 'thread', ts };
    pane.hidden = false;
    byId('pane-title').textContent = t.threadIn({ channel: state.channel });
    thread.clear();
    const all = [...channelMessages().values()].sort((a, b) => compareTs(a.ts, b.ts));
    const parent = all.find((m) => m.ts === ts);
    if (parent) thread.upsert(parent);
    for (const m of all) if (m.thread_ts === ts && isReply(m) && visible(m)) thread.upsert(m);
    byId('pane-body').replaceChildren(thread.container);
  }

  const envPane = {
    diagram: h('div', { class: 'picture', attrs: { id: 'diagram' } }) as HTMLElement & { drawn?: string },
    drill: h('div', { class: 'picture', attrs: { id: 'drill' } }) as HTMLElement & { drawn?: string },
  };
  const run = (text: string) => () =>
    void sendCommand(text).catch((err: unknown) =>
      composer.showNote(String(err instanceof Error ? err.message : err)),
    );

  function openEnv(name: string): void {
    state.pane = { kind: 'env', name };
    pane.hidden = false;
    byId('pane-title').textContent = t.environment({ name });
    for (const picture of [envPane.diagram, envPane.drill]) {
      picture.replaceChildren();
      picture.drawn = undefined;
    }
    const button = (label: string, text: string, style = '') =>
      h(
        'button',
        {
          class: `bk-button ${style}`,
          attrs: { type: 'button', 'data-command': text },
          on: { click: run(text) },
        },
        label,
      );
    byId('pane-body').replaceChildren(
      h(
        'div',
        { class: 'env-actions' },
        button(t.status(), `/site status ${name}`),
        button(t.drillAll(), `/site failover ${name}`),
        button(t.drillDb(), `/site failover ${name} db`),
        button(t.extend(), `/site extend ${name} 8h`),
        button(t.destroy(), `/site destroy ${name}`, 'danger'),
      ),
      envPane.diagram,
      envPane.drill,
    );
    void refreshPictures();
  }

  const refreshPictures = async () => {
    if (state.pane?.kind !== 'env' || !boot.diagrams) return;
    const name = encodeURIComponent(state.pane.name);
    const draw = async (target: HTMLElement & { drawn?: string }, path: string) => {
      try {
        const svg = await getSvgText(path);
        // Redraw only what changed: a person may be selecting a label.
        if (svg === target.drawn) return;
        target.replaceChildren(...(svg ? [svgNode(svg)] : []));
        target.hidden = !svg;
        target.drawn = svg;
      } catch (err) {
        target.drawn = undefined;
        target.hidden = false;
        target.replaceChildren(
          h(
            'p',
            { class: 'picture-error' },
            t.cannotDraw({ why: err instanceof Error ? err.message : String(err) }),
          ),
        );
      }
    };
    await Promise.all([
      draw(envPane.diagram, `/_console/envs/${name}/diagram.svg?lang=${lang}`),
      draw(envPane.drill, `/_console/envs/${name}/drill.svg?lang=${lang}`),
    ]);
  };

  const drawEnvList = () => {
    const list = byId('env-list');
    if (state.envs.length === 0) {
      list.replaceChildren(h('li', { class: 'muted' }, boot.diagrams ? t.noEnvs() : t.noEmulator()));
      return;
    }
    list.replaceChildren(
      ...state.envs.map((e) =>
        h(
          'li',
          {},
          h(
            'button',
            {
              class: state.pane?.kind === 'env' && state.pane.name === e.name ? 'active' : '',
              attrs: {
                type: 'button',
                'data-env': e.name,
                title: t.envTitle({ status: e.statusLabel, owner: e.owner }),
              },
              on: { click: () => (openEnv(e.name), drawEnvList()) },
            },
            h('span', { class: `env-dot ${e.status}` }),
            e.name,
            h('span', { class: 'muted' }, e.statusLabel),
          ),
        ),
      ),
    );
  };
  const loadEnvs = async () => {
    state.envs = (
      await getJson<{ environments: EnvironmentSummary[] }>(`/_console/envs?lang=${lang}`)
    ).environments;
    drawEnvList();
  };

  // Pictures and the environment list follow the bot's messages (a run reports every step), at most every 700 ms.
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  const scheduleRefresh = () => {
    if (refreshTimer) return;
    refreshTimer = setTimeout(() => {
      refreshTimer = undefined;
      void loadEnvs().catch(() => undefined);
      void refreshPictures();
    }, 700);
  };

  // --- sending ---
  async function sendCommand(text: string): Promise<void> {
    byId('messages')
      .querySelectorAll('.local-note')
      .forEach((n) => n.remove());
    if (!text.startsWith('/')) {
      await postJson('/_console/message', { text, user: state.user, channel: state.channel });
      return;
    }
    const { status } = await postJson<{ status: number }>('/_console/command', {
      text,
      user: state.user,
      channel: state.channel,
    });
    if (status !== 200) showLocalNote(t.httpStatus({ command: text.split(/\s+/)[0], status }));
  }

  async function press(m: ConsoleMessage, button: ButtonSpec, el: HTMLButtonElement): Promise<void> {
    if (button.confirm && !(await confirmDialog(button.confirm, ctx()))) return;
    el.disabled = true;
    try {
      const { status } = await postJson<{ status: number }>('/_console/action', {
        channel: m.channel,
        ts: m.ts,
        action_id: button.actionId,
        user: state.user,
      });
      if (status !== 200) showLocalNote(t.buttonStatus({ label: button.label, status }));
    } catch (err) {
      showLocalNote(err instanceof ApiError ? err.message : String(err));
    } finally {
      el.disabled = false;
    }
  }

  const composer = new Composer({
    grammar: boot.grammar,
    t,
    envs: () => state.envs.map((e) => e.name),
    send: sendCommand,
  });

  byId('new-env').addEventListener('click', () => composer.fill('/site create '));

  // --- live changes ---
  const onEvent = (event: LogEvent) => {
    const m = event.message;
    const map = channelMessages(m.channel);
    if (event.type === 'delete') map.delete(m.ts);
    else map.set(m.ts, m);
    if (m.channel !== state.channel) {
      if (event.type === 'new' && visible(m)) state.unread.add(m.channel);
      drawChannelList();
    } else if (event.type === 'delete') {
      main.remove(m.ts);
      thread.remove(m.ts);
    } else if (visible(m)) {
      if (isReply(m)) {
        const parent = map.get(m.thread_ts!);
        if (parent && main.has(parent.ts)) main.upsert(parent);
        if (state.pane?.kind === 'thread' && state.pane.ts === m.thread_ts) {
          thread.upsert(m);
          if (parent) thread.upsert(parent);
        }
      } else {
        main.upsert(m);
        if (state.pane?.kind === 'thread' && state.pane.ts === m.ts) thread.upsert(m);
      }
    }
    if (m.user === boot.bot.userId) scheduleRefresh();
  };

  const events = new EventSource('/_console/events');
  events.addEventListener('message', (e) =>
    onEvent(JSON.parse((e as MessageEvent<string>).data) as LogEvent),
  );
  // (Re)connected: what was missed while away is read again.
  events.addEventListener('open', () => void loadChannel());

  drawChannelList();
  await Promise.all([loadChannel(), loadEnvs().catch(() => undefined)]);
  document.body.dataset.ready = 'true';
  composer.input.focus();
}

start().catch((err: unknown) => {
  document.body.replaceChildren(
    h('p', { class: 'local-note' }, t.cannotStart({ why: err instanceof Error ? err.message : String(err) })),
  );
});
