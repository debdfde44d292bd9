/** What the sandbox gives the console: who may act, and its environments with their pictures. */
import type { Diagrams } from '../../../diagram';
import type { LanguageSettings } from '../../../i18n/locale';
import { textsIn } from '../../../i18n/texts';
import type { StateStore } from '../../../state/types';
import type { ConsoleUser } from './client/types';
import type { EnvironmentSource } from './routes';

/** Two people and the configured admins: enough to see who may do what. */
export function consoleUsers(admins: readonly string[]): ConsoleUser[] {
  const people = ['U1', 'U2'].map((id) => ({ id, label: id }));
  const extra = admins.filter((a) => !['U1', 'U2'].includes(a)).map((id) => ({ id, label: `admin (${id})` }));
  return [...people.map((p) => (admins.includes(p.id) ? { ...p, label: `${p.id} (admin)` } : p)), ...extra];
}

export function environmentSource(
  store: Pick<StateStore, 'environments'>,
  diagrams: Diagrams,
  language: LanguageSettings,
): EnvironmentSource {
  return {
    async list(lang) {
      const envs = await store.environments.listActive();
      const t = textsIn(language, lang);
      return envs
        .map((e) => ({
          name: e.name,
          status: e.status,
          statusLabel: t.common.envStatus(e.status),
          owner: e.owner,
          channel: e.channel,
        }))
        .sort((a, b) => a.name.localeCompare(b.name));
    },
    diagram: async (name, lang) => (await diagrams.environment(name, lang))?.svg,
    drill: async (name, lang) => (await diagrams.drill(name, lang))?.svg,
  };
}
