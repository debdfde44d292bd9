/**
 * What a finished create step says beside its ✅: the outcome people can check (ids, AZs,
 * counts), read from what the step recorded. Never a secret: only ids, names and places.
 */
import { count } from '../../domain/format';
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

function joined(...parts: (string | undefined)[]): string | undefined {
  const present = parts.filter((p): p is string => p !== undefined);
  return present.length > 0 ? present.join(', ') : undefined;
}

const OUTCOMES: Record<CreateStepId, (o: Outputs) => string | undefined> = {
  preflight: (o) => {
    if (typeof o.checkedBeforeStart === 'number')
      return 'quotas and offerings checked before the run started';
    if (typeof o.passed !== 'number') return undefined;
    const unknown = list(o.notChecked);
    return joined(
      `${count(o.passed, 'check')} passed`,
      unknown.length > 0 ? `not checked: ${unknown.join(', ')}` : undefined,
    );
  },
  vpc: (o) => text(o.vpcId),
  subnets: (o) => {
    const ids = ['publicSubnetA', 'publicSubnetC', 'privateSubnetA', 'privateSubnetC'].filter((k) =>
      text(o[k]),
    );
    return ids.length > 0 ? `${count(ids.length, 'subnet')}: 2 public, 2 private over 2 AZs` : undefined;
  },
  'internet-gateway': (o) => (text(o.igwId) ? `${text(o.igwId)} attached` : undefined),
  'public-routes': (o) =>
    text(o.routeTableId) ? `${text(o.routeTableId)}: 0.0.0.0/0 → internet gateway` : undefined,
  'security-groups': (o) => {
    const ids = [o.elbSgId, o.webSgId, o.dbSgId].filter((v) => text(v));
    return ids.length > 0 ? `${count(ids.length, 'security group')}: elb, web, db` : undefined;
  },
  credentials: (o) => (text(o.secretName) ? `secret ${text(o.secretName)}` : undefined),
  'web-role': (o) => (text(o.roleName) ? `role and instance profile ${text(o.roleName)}` : undefined),
  'db-subnet-group': (o) => text(o.dbSubnetGroupName),
  database: (o) =>
    joined(
      text(o.dbInstanceId) && `${text(o.dbInstanceId)} available`,
      text(o.dbAz) && `primary in ${text(o.dbAz)}`,
      text(o.dbSecondaryAz) && `standby in ${text(o.dbSecondaryAz)}`,
    ),
  'database-multi-az': (o) =>
    o.multiAz === true
      ? joined(
          'Multi-AZ',
          text(o.dbAz) && `primary in ${text(o.dbAz)}`,
          text(o.dbSecondaryAz) && `standby in ${text(o.dbSecondaryAz)}`,
        )
      : undefined,
  'web-1': (o) =>
    joined(text(o.instanceId) && `${text(o.instanceId)} running`, text(o.az) && `in ${text(o.az)}`),
  'web-ami': (o) =>
    text(o.imageId)
      ? `${text(o.imageId)} available (${count(list(o.snapshotIds).length, 'snapshot')})`
      : undefined,
  'web-2': (o) =>
    joined(text(o.instanceId) && `${text(o.instanceId)} running`, text(o.az) && `in ${text(o.az)}`),
  'target-group': (o) => shortName(o.targetGroupArn),
  'load-balancer': (o) => (text(o.dnsName) ? `active at ${text(o.dnsName)}` : undefined),
  listener: () => 'HTTP:80 → target group',
  'register-targets': (o) => `${count(list(o.instanceIds).length, 'target')} registered`,
  'targets-healthy': (o) => `${list(o.healthy).length} of ${list(o.healthy).length} targets healthy`,
  site: (o) => (text(o.siteUrl) ? `${text(o.siteUrl)} answers` : undefined),
};

/** The outcome of a done create step, or undefined when nothing worth saying was recorded. */
export function describeCreateOutcome(stepId: CreateStepId, outputs: Outputs): string | undefined {
  return OUTCOMES[stepId](outputs);
}
