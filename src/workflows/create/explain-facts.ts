/**
 * The facts a create step's explanation cites: this run's options and names, the layout, and what
 * the run has recorded so far (ids, AZs). Pure: read from the run record and the create settings.
 */
import type { MultiAzMode, Run } from '../../state/types';
import type { CreateConfig } from './deps';
import { HEALTH_CHECK_PATH, SUBNETS, VPC_CIDR } from './layout';
import { resourceNames, type ResourceNames } from './names';

export interface CreateFacts {
  env: string;
  region: string;
  azs: readonly [string, string];
  multiAz: MultiAzMode;
  instanceType: string;
  dbClass: string;
  engineVersion: string;
  vpcCidr: string;
  cidr: { publicA: string; publicC: string; privateA: string; privateC: string };
  healthCheckPath: string;
  names: ResourceNames;
  /** What the run recorded so far (absent before the step that learns it). */
  seen: {
    vpcId?: string;
    web1?: string;
    web2?: string;
    imageId?: string;
    snapshots?: number;
    dbAz?: string;
    standbyAz?: string;
    dnsName?: string;
    siteUrl?: string;
  };
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

export function createFacts(
  run: Pick<Run, 'env' | 'params' | 'steps'>,
  config: Pick<CreateConfig, 'region' | 'azs' | 'instanceType' | 'dbClass' | 'engineVersion'>,
): CreateFacts {
  const out = (step: string) => run.steps[step]?.outputs ?? {};
  const m = run.params.multiAz;
  const cidr = (key: (typeof SUBNETS)[number]['key']) => SUBNETS.find((s) => s.key === key)?.cidr ?? '';
  const snapshots = out('web-ami').snapshotIds;
  const seen: CreateFacts['seen'] = {
    vpcId: text(out('vpc').vpcId),
    web1: text(out('web-1').instanceId),
    web2: text(out('web-2').instanceId),
    imageId: text(out('web-ami').imageId),
    snapshots: Array.isArray(snapshots) ? snapshots.length : undefined,
    dbAz: text(out('database-multi-az').dbAz) ?? text(out('database').dbAz),
    standbyAz: text(out('database-multi-az').dbSecondaryAz) ?? text(out('database').dbSecondaryAz),
    dnsName: text(out('load-balancer').dnsName),
    siteUrl: text(out('site').siteUrl),
  };
  return {
    env: run.env,
    region: config.region,
    azs: config.azs,
    multiAz: m === 'later' || m === 'off' ? m : 'now',
    instanceType: config.instanceType,
    dbClass: config.dbClass,
    engineVersion: config.engineVersion,
    vpcCidr: VPC_CIDR,
    cidr: {
      publicA: cidr('publicSubnetA'),
      publicC: cidr('publicSubnetC'),
      privateA: cidr('privateSubnetA'),
      privateC: cidr('privateSubnetC'),
    },
    healthCheckPath: HEALTH_CHECK_PATH,
    names: resourceNames(run.env),
    seen: Object.fromEntries(Object.entries(seen).filter(([, v]) => v !== undefined)),
  };
}
