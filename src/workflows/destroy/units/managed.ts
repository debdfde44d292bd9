/**
 * Units for the services whose tags are read through their own tag APIs: the load balancer
 * (with its listeners) and target group, the DB instance and DB subnet group, the
 * credentials secret, and the web servers' instance profile and role.
 */
import { say } from '../../../i18n/said';
import type { Role } from '@aws-sdk/client-iam';
import { isNotFound } from '../../../aws/errors';
import { tagRecord } from '../../../aws/tags';
import { resourceNames } from '../../create/names';
import { attempt } from '../outcome';
import type { TeardownAws } from '../deps';
import { isOwned, recordedIds, type Candidate } from '../resources';
import { mergeCandidates, type Unit } from './unit';

/** Keeps what is tagged for the env or recorded; drops everyone else's resources unseen. */
function relevant(env: string, recorded: Set<string>, c: Candidate): boolean {
  return c.recorded || isOwned(c.tags, env) || recorded.has(c.id);
}

async function relevantLoadBalancers(
  tElb: TeardownAws['tElb'],
  env: string,
  recorded: Readonly<Record<string, string>>,
) {
  const ids = new Set(recordedIds(recorded, 'load-balancer'));
  const lbs = await tElb.loadBalancers();
  const tags = await tElb.tags(lbs.map((lb) => lb.LoadBalancerArn!));
  return lbs
    .map((lb): Candidate => ({
      type: 'load-balancer',
      id: lb.LoadBalancerArn!,
      tags: tags.get(lb.LoadBalancerArn!) ?? {},
      recorded: ids.has(lb.LoadBalancerArn!),
    }))
    .filter((c) => relevant(env, ids, c));
}

/**
 * A listener lives and dies with its load balancer, so it is owned when its load balancer
 * is. Deleted first so each one is named in the receipt (the load balancer would take them along).
 */
export const listenerUnit: Unit = {
  type: 'listener',
  async find(aws, { env, recorded }) {
    const out: Candidate[] = [];
    const ids = new Set(recordedIds(recorded, 'listener'));
    for (const lb of await relevantLoadBalancers(aws.tElb, env, recorded)) {
      let listeners: { ListenerArn?: string }[] = [];
      try {
        listeners = await aws.elbv2.listeners(lb.id);
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
      for (const l of listeners)
        out.push({ type: 'listener', id: l.ListenerArn!, tags: lb.tags, recorded: ids.has(l.ListenerArn!) });
    }
    return out;
  },
  remove: ({ tElb }, c) => attempt(() => tElb.deleteListener(c.id)),
};

export const loadBalancerUnit: Unit = {
  type: 'load-balancer',
  find: ({ tElb }, { env, recorded }) => relevantLoadBalancers(tElb, env, recorded),
  remove: ({ tElb }, c) => attempt(() => tElb.deleteLoadBalancer(c.id)),
};

export const targetGroupUnit: Unit = {
  type: 'target-group',
  async find({ tElb }, { env, recorded }) {
    const ids = new Set(recordedIds(recorded, 'target-group'));
    const groups = await tElb.targetGroups();
    const tags = await tElb.tags(groups.map((tg) => tg.TargetGroupArn!));
    return groups
      .map((tg) => ({
        type: 'target-group' as const,
        id: tg.TargetGroupArn!,
        tags: tags.get(tg.TargetGroupArn!) ?? {},
        recorded: ids.has(tg.TargetGroupArn!),
      }))
      .filter((c) => relevant(env, ids, c));
  },
  // ResourceInUse while a listener of a load balancer still forwards to it: blocked.
  remove: ({ tElb }, c) => attempt(() => tElb.deleteTargetGroup(c.id)),
};

export const dbInstanceUnit: Unit = {
  type: 'db-instance',
  async find({ tRds }, { env, recorded }) {
    const ids = new Set(recordedIds(recorded, 'db-instance'));
    const dbs = await tRds.dbInstances();
    const out: Candidate[] = [];
    for (const db of dbs) {
      const tags = db.TagList ? tagRecord(db.TagList) : await tRds.tags(db.DBInstanceArn!);
      if (!tags) continue;
      out.push({
        type: 'db-instance',
        id: db.DBInstanceIdentifier!,
        tags,
        recorded: ids.has(db.DBInstanceIdentifier!),
        facts: { status: db.DBInstanceStatus, deletionProtection: db.DeletionProtection === true },
      });
    }
    return out.filter((c) => relevant(env, ids, c));
  },
  async remove({ tRds }, c) {
    if (c.facts?.status === 'deleting')
      return { kind: 'pending', reason: say('work.stillInState', { state: 'deleting' }) };
    if (c.facts?.deletionProtection) {
      const off = await attempt(() => tRds.disableDeletionProtection(c.id));
      if (off.kind !== 'deleted') return off;
    }
    return attempt(() => tRds.deleteDbInstance(c.id));
  },
};

export const dbSubnetGroupUnit: Unit = {
  type: 'db-subnet-group',
  async find({ tRds }, { env, recorded }) {
    const ids = new Set(recordedIds(recorded, 'db-subnet-group'));
    const out: Candidate[] = [];
    for (const g of await tRds.dbSubnetGroups()) {
      const tags = g.DBSubnetGroupArn ? await tRds.tags(g.DBSubnetGroupArn) : {};
      if (!tags) continue;
      out.push({
        type: 'db-subnet-group',
        id: g.DBSubnetGroupName!,
        tags,
        recorded: ids.has(g.DBSubnetGroupName!),
      });
    }
    return out.filter((c) => relevant(env, ids, c));
  },
  // InvalidDBSubnetGroupStateFault while its DB instance is still being deleted: blocked.
  remove: ({ tRds }, c) => attempt(() => tRds.deleteDbSubnetGroup(c.id)),
};

export const secretUnit: Unit = {
  type: 'secret',
  async find({ secrets, tSecrets }, { env, recorded }) {
    const byId: Candidate[] = [];
    for (const id of recordedIds(recorded, 'secret')) {
      const s = await secrets.findSecret(id);
      if (s?.ARN) byId.push({ type: 'secret', id: s.ARN, tags: tagRecord(s.Tags), recorded: true });
    }
    const tagged = (await tSecrets.byEnvTag(env)).map((s) => ({
      type: 'secret' as const,
      id: s.ARN!,
      tags: tagRecord(s.Tags),
      recorded: false,
    }));
    return mergeCandidates(byId, tagged);
  },
  remove: ({ tSecrets }, c) => attempt(() => tSecrets.forceDelete(c.id)),
};

/** IAM has no tag filter: the names sitebot gives (and the ones recorded) are looked up. */
function iamNames(
  env: string,
  recorded: Readonly<Record<string, string>>,
  type: 'iam-role' | 'instance-profile',
) {
  const n = resourceNames(env);
  const recordedNames = recordedIds(recorded, type);
  return {
    all: [...new Set([...recordedNames, type === 'iam-role' ? n.webRole : n.webProfile])],
    recordedNames,
  };
}

export const instanceProfileUnit: Unit = {
  type: 'instance-profile',
  async find({ iam }, { env, recorded }) {
    const { all, recordedNames } = iamNames(env, recorded, 'instance-profile');
    const out: Candidate[] = [];
    for (const name of all) {
      const p = await iam.findInstanceProfile(name);
      if (!p) continue;
      out.push({
        type: 'instance-profile',
        id: name,
        tags: tagRecord(p.Tags),
        recorded: recordedNames.includes(name),
        facts: { roles: (p.Roles ?? []).map((r) => r.RoleName) },
      });
    }
    return out.filter((c) => c.recorded || isOwned(c.tags, env));
  },
  async remove({ tIam }, c) {
    for (const role of (c.facts?.roles ?? []) as string[]) {
      const out = await attempt(() => tIam.removeRoleFromProfile(c.id, role));
      if (out.kind === 'blocked') return out;
    }
    return attempt(() => tIam.deleteInstanceProfile(c.id));
  },
};

export const iamRoleUnit: Unit = {
  type: 'iam-role',
  async find({ iam }, { env, recorded }) {
    const { all, recordedNames } = iamNames(env, recorded, 'iam-role');
    const out: Candidate[] = [];
    for (const name of all) {
      const role: Role | undefined = await iam.findRole(name);
      if (!role) continue;
      out.push({
        type: 'iam-role',
        id: name,
        tags: tagRecord(role.Tags),
        recorded: recordedNames.includes(name),
      });
    }
    return out.filter((c) => c.recorded || isOwned(c.tags, env));
  },
  /** Inline policies, then the role. A profile still holding it answers DeleteConflict (blocked). */
  async remove({ tIam }, c) {
    let policies: string[];
    try {
      policies = await tIam.rolePolicyNames(c.id);
    } catch (err) {
      if (isNotFound(err)) return { kind: 'gone' };
      throw err;
    }
    for (const policy of policies) {
      const out = await attempt(() => tIam.deleteRolePolicy(c.id, policy));
      if (out.kind === 'blocked') return out;
    }
    return attempt(() => tIam.deleteRole(c.id));
  },
};
