/**
 * What a finished create step says beside its ✅: the outcome people can check (ids, AZs,
 * counts), read from what the step recorded. Never a secret: only ids, names and places.
 */
import { say, type Said } from '../../i18n/said';
import type { CreateStepId } from './outline';

type Outputs = Readonly<Record<string, unknown>>;

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const list = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x !== '') : [];

/** The last part of an ARN or path (`…:targetgroup/demo-tg/abc` → `demo-tg`). */
function shortName(arn: unknown): string | undefined {
  const s = text(arn);
  if (!s) return undefined;
  const parts = s.split('/');
  return parts.length >= 3 ? parts[parts.length - 2] : parts[parts.length - 1];
}

/** The parts present, as one note; undefined when none is. */
function joined(...parts: (Said | undefined | false | '')[]): Said | undefined {
  const present = parts.filter((p): p is Said => typeof p === 'object' && p !== null);
  return present.length > 0 ? say('work.parts', { items: present }) : undefined;
}

const OUTCOMES: Record<CreateStepId, (o: Outputs) => Said | string | undefined> = {
  preflight: (o) => {
    if (typeof o.checkedBeforeStart === 'number') return say('work.preflightBeforeStart');
    if (typeof o.passed !== 'number') return undefined;
    const unknown = list(o.notChecked);
    return joined(
      say('work.checksPassed', { n: o.passed }),
      unknown.length > 0 && say('work.notChecked', { items: unknown }),
    );
  },
  vpc: (o) => text(o.vpcId),
  subnets: (o) => {
    const ids = ['publicSubnetA', 'publicSubnetC', 'privateSubnetA', 'privateSubnetC'].filter((k) =>
      text(o[k]),
    );
    return ids.length > 0 ? say('work.subnetsMade', { n: ids.length }) : undefined;
  },
  'internet-gateway': (o) => (text(o.igwId) ? say('work.igwAttached', { id: text(o.igwId)! }) : undefined),
  'public-routes': (o) =>
    text(o.routeTableId) ? say('work.routesMade', { id: text(o.routeTableId)! }) : undefined,
  'security-groups': (o) => {
    const ids = [o.elbSgId, o.webSgId, o.dbSgId].filter((v) => text(v));
    return ids.length > 0 ? say('work.groupsMade', { n: ids.length }) : undefined;
  },
  credentials: (o) =>
    text(o.secretName) ? say('work.secretMade', { name: text(o.secretName)! }) : undefined,
  'web-role': (o) => (text(o.roleName) ? say('work.roleMade', { name: text(o.roleName)! }) : undefined),
  'db-subnet-group': (o) => text(o.dbSubnetGroupName),
  database: (o) =>
    joined(
      text(o.dbInstanceId) && say('work.available', { id: text(o.dbInstanceId)! }),
      text(o.dbAz) && say('work.primaryIn', { az: text(o.dbAz)! }),
      text(o.dbSecondaryAz) && say('work.standbyIn', { az: text(o.dbSecondaryAz)! }),
    ),
  'database-multi-az': (o) =>
    o.multiAz === true
      ? joined(
          say('work.multiAz'),
          text(o.dbAz) && say('work.primaryIn', { az: text(o.dbAz)! }),
          text(o.dbSecondaryAz) && say('work.standbyIn', { az: text(o.dbSecondaryAz)! }),
        )
      : undefined,
  'web-1': (o) =>
    joined(
      text(o.instanceId) && say('work.running', { id: text(o.instanceId)! }),
      text(o.az) && say('work.inAz', { az: text(o.az)! }),
    ),
  'web-ami': (o) =>
    text(o.imageId)
      ? say('work.amiMade', { id: text(o.imageId)!, snapshots: list(o.snapshotIds).length })
      : undefined,
  'web-2': (o) =>
    joined(
      text(o.instanceId) && say('work.running', { id: text(o.instanceId)! }),
      text(o.az) && say('work.inAz', { az: text(o.az)! }),
    ),
  'target-group': (o) => shortName(o.targetGroupArn),
  'load-balancer': (o) => (text(o.dnsName) ? say('work.lbActive', { dns: text(o.dnsName)! }) : undefined),
  listener: () => say('work.listenerMade'),
  'register-targets': (o) => say('work.targetsRegistered', { n: list(o.instanceIds).length }),
  'targets-healthy': (o) => say('work.targetsHealthy', { n: list(o.healthy).length }),
  site: (o) => (text(o.siteUrl) ? say('work.siteUp', { url: text(o.siteUrl)! }) : undefined),
};

/** The outcome of a done create step, or undefined when nothing worth saying was recorded. */
export function describeCreateOutcome(stepId: CreateStepId, outputs: Outputs): Said | string | undefined {
  return OUTCOMES[stepId](outputs);
}
