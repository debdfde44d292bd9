/** What the sandbox gives the console: who may act, and its environments with their pictures. */
import type { Diagrams } from '../../../diagram';
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
): EnvironmentSource {
  return {
    async list() {
      const envs = await store.environments.listActive();
      return envs
        .map((e) => ({ name: e.name, status: e.status, owner: e.owner, channel: e.channel }))
        .sort((a, b) => a.name.localeCompare(b.name));
    },
    diagram: async (name) => (await diagrams.environment(name))?.svg,
    drill: async (name) => (await diagrams.drill(name))?.svg,
  };
}
