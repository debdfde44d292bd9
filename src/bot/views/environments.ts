import type { CostEstimate } from '../../cost/estimator';
import type { Environment, Run } from '../../state/types';
import { costText } from '../env-cost';
import { formatDuration } from '../format';
import { context, ephemeral, header, section, type Block, type Reply } from './reply';
import { officeHoursOf } from '../../state/power';
import { describeHours } from '../../workflows/remind/office-hours';
import { asleepText } from './power';
import { renderRunProgress, type StepTitle } from './run-progress';

/** "expires in 3h", or "expired 10m ago". */
export function ttlText(env: Environment, now: number): string {
  const left = env.expiresAt - now;
  return left >= 0 ? `expires in ${formatDuration(left)}` : `expired ${formatDuration(left)} ago`;
}

export function ageText(env: Environment, now: number): string {
  return formatDuration(now - env.createdAt);
}

/** Costs by env name; an env missing from the map shows no cost. */
export type CostsByEnv = ReadonlyMap<string, (CostEstimate & { savedSoFar?: number }) | undefined>;

function summaryLine(env: Environment, now: number, costs?: CostsByEnv): string {
  const cost = costs?.has(env.name) ? ` — ${costText(costs.get(env.name))}` : '';
  return `*${env.name}* — ${env.status}${asleepText(env, now)} — owner <@${env.owner}> — age ${ageText(env, now)}${cost} — ${ttlText(env, now)}`;
}

/** `meta.lastDrill` as one line: the headline and each phase's numbers and sparkline. */
export function lastDrillText(env: Environment, now: number): string | undefined {
  const drill = env.meta?.lastDrill as
    | {
        at?: number;
        headline?: string;
        phases?: {
          phase: string;
          failures: number;
          requests: number;
          longestOutageMs?: number;
          sparkline?: string;
        }[];
      }
    | undefined;
  if (!drill?.headline) return undefined;
  const when = typeof drill.at === 'number' ? ` (${formatDuration(now - drill.at)} ago)` : '';
  const phases = (drill.phases ?? []).map(
    (p) =>
      `${p.phase}: ${p.failures}/${p.requests} failed${p.longestOutageMs !== undefined ? `, longest outage ${formatDuration(p.longestOutageMs)}` : ''}${p.sparkline ? ` \`${p.sparkline}\`` : ''}`,
  );
  return [`last drill: ${drill.headline}${when}`, ...phases.map((l) => `    ${l}`)].join('\n');
}

export function renderList(envs: readonly Environment[], now: number, costs?: CostsByEnv): Reply {
  if (envs.length === 0) {
    return ephemeral('No environments.', [section('No environments. Start one with `/site create <env>`.')]);
  }
  const sorted = [...envs].sort((a, b) => a.name.localeCompare(b.name));
  const lines = sorted.map((e) => summaryLine(e, now, costs));
  return ephemeral(`${envs.length} environment(s):\n${lines.join('\n')}`, [
    header(`Environments (${envs.length})`),
    section(lines.join('\n')),
  ]);
}

/**
 * One environment: its state, outputs, how many resources it owns, and the run holding it now
 * (with each step's state) if any.
 */
export function renderEnvStatus(
  env: Environment,
  run: Run | undefined,
  now: number,
  steps: StepTitle[] = [],
  cost?: { estimate: (CostEstimate & { savedSoFar?: number }) | undefined },
): Reply {
  const outputs = Object.entries(env.outputs);
  const hours = officeHoursOf(env);
  const facts = [
    `status: *${env.status}*${asleepText(env, now)}`,
    ...(hours ? [`office hours: ${describeHours(hours)}`] : []),
    `owner: <@${env.owner}>`,
    `region: ${env.region}`,
    `multi-AZ: ${env.multiAz}`,
    `age: ${ageText(env, now)}`,
    `TTL: ${ttlText(env, now)}`,
    ...(cost ? [`cost: ${costText(cost.estimate)}`] : []),
    `resources: ${Object.keys(env.resources).length}`,
  ];
  const drill = lastDrillText(env, now);
  if (drill) facts.push(drill);
  const blocks: Block[] = [header(env.name), section(facts.join('\n'))];
  if (outputs.length > 0) blocks.push(section(outputs.map(([k, v]) => `${k}: ${v}`).join('\n')));
  if (run) blocks.push(...renderRunProgress(run, steps, now));
  else blocks.push(context('no run in progress'));
  const text = `${env.name}: ${env.status}, ${ttlText(env, now)}`;
  return ephemeral(text, blocks);
}

export function renderEnvNotFound(name: string): Reply {
  return ephemeral(`No environment named ${name}.`, [
    section(`No environment named *${name}*. See \`/site list\`.`),
  ]);
}

/** `status` without a name: every active environment with its outputs. */
export function renderStatusAll(envs: readonly Environment[], now: number): Reply {
  if (envs.length === 0) return renderList(envs, now);
  const sorted = [...envs].sort((a, b) => a.name.localeCompare(b.name));
  const blocks: Block[] = [header(`Status (${envs.length})`)];
  for (const env of sorted) {
    const outputs = Object.entries(env.outputs).map(([k, v]) => `\n    ${k}: ${v}`);
    const running = env.currentRunId ? `\n    run in progress: \`${env.currentRunId}\`` : '';
    blocks.push(section(`${summaryLine(env, now)}${outputs.join('')}${running}`));
  }
  return ephemeral(`${envs.length} environment(s)`, blocks);
}
