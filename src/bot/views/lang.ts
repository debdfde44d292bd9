/**
 * `/site lang`: the private answers about the reader's language — the new choice (written in it),
 * which one is in effect and where it comes from, or that it cannot be kept here.
 */
import type { Lang } from '../../i18n/locale';
import type { Texts } from '../../i18n/texts';
import type { Mrkdwn } from './mrkdwn';
import { ephemeral, section, type Reply } from './reply';

const answer = (text: Mrkdwn): Reply => ephemeral(text, [section(text)]);

/** The choice was kept: said in the new language (`t` is in it). */
export function renderLangSet(t: Texts): Reply {
  return answer(t.language.set({ name: t.language.name({ lang: t.lang }) }));
}

/** Which language the reader reads (`t` is in it): their own choice, else the workspace's. */
export function renderLangCurrent(t: Texts, chosen: boolean, workspace: Lang): Reply {
  return answer(
    t.language.current({
      name: t.language.name({ lang: t.lang }),
      chosen,
      workspace: t.language.name({ lang: workspace }),
    }),
  );
}

/** No store for people's settings in this process. */
export function renderLangUnavailable(t: Texts): Reply {
  return answer(t.language.unavailable());
}
