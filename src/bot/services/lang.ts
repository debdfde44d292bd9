/**
 * `/site lang ja|en`: keeps the reader's language (DynamoDB, src/state/preferences-repository.ts)
 * and answers privately in the new one; every later private answer and every run they start is
 * then in it. `/site lang` alone: which language is in effect and whether it is their own choice
 * or the workspace's `SITEBOT_LANG`.
 */
import { textsIn } from '../../i18n/texts';
import type { LangCommand } from '../grammar';
import type { CommandContext } from '../services';
import { renderLangCurrent, renderLangSet, renderLangUnavailable } from '../views/lang';
import type { Reply } from '../views/reply';
import type { BotServiceDeps } from './deps';

export async function langService(
  deps: BotServiceDeps,
  cmd: LangCommand,
  ctx: CommandContext,
): Promise<Reply> {
  const settings = deps.config.i18n;
  if (!cmd.lang) return renderLangCurrent(ctx.t, ctx.lang !== undefined, settings.lang);
  const preferences = deps.store.preferences;
  if (!preferences) return renderLangUnavailable(ctx.t);
  await preferences.setLang(ctx.userId, cmd.lang, ctx.now());
  return renderLangSet(textsIn(settings, cmd.lang, ctx.channelId));
}
