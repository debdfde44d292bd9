/**
 * Elastic Load Balancing v2 over the Query protocol (Version 2015-12-01).
 *
 * LIMITATIONS: Application Load Balancers with `instance` target groups only; HTTP listeners
 * with one forward action (no rules, certificates, redirects or fixed responses); no load
 * balancer attributes. A load balancer's DNSName is `127.0.0.1:<port>` of its data-plane
 * server (`dataplane/`), so the site URL opens from this machine; on AWS it is a DNS name.
 * Target health follows the ALB rules in `target-health.ts`; a CreateImage reboot looks like
 * a fresh start (the target returns to `initial`). Only `deregistration_delay.timeout_seconds`
 * is a target group attribute. DescribeAccountLimits answers the account's quotas (all on one
 * page); load balancers and target groups past them are refused with AWS's TooMany* codes.
 */
import { dataPlaneOf } from '../dataplane/data-plane';
import { iamModelOf } from '../iam/model';
import { qBool, qInt, qList, qStruct, qStructList, qTagList, type QueryParams } from '../protocol/query';
import { dispatch, type ActionHandler, type EmulatedService, type RequestContext } from '../protocol/service';
import { xmlList } from '../protocol/xml';
import { paginate } from '../rds/paginate';
import { elbErrors } from './errors';
import type { ElbModel, TargetRef } from './model';
import { elbModelOf } from './registry';
import { listenerShape, loadBalancerShape, tagsShape, targetGroupShape, targetHealthShape } from './shapes';
import type { TargetGroup } from './types';

type Handler = ActionHandler<QueryParams>;

const xmlMembers = <T>(items: T[]) => xmlList('member', items);

const modelOf = (ctx: RequestContext): ElbModel => elbModelOf(ctx.world);

function targetsOf(p: QueryParams): TargetRef[] {
  return qStructList(p, 'Targets').map((t) => ({
    id: t.Id,
    port: t.Port === undefined ? undefined : Number(t.Port),
  }));
}

function pageSize(p: QueryParams): number {
  const n = qInt(p, 'PageSize') ?? 400;
  if (n < 1 || n > 400) throw elbErrors.validation('Page size must be between 1 and 400');
  return n;
}

function healthCheckParams(p: QueryParams) {
  return {
    healthCheckProtocol: p.HealthCheckProtocol,
    healthCheckPort: p.HealthCheckPort,
    healthCheckEnabled: qBool(p, 'HealthCheckEnabled'),
    healthCheckPath: p.HealthCheckPath,
    healthCheckIntervalSeconds: qInt(p, 'HealthCheckIntervalSeconds'),
    healthCheckTimeoutSeconds: qInt(p, 'HealthCheckTimeoutSeconds'),
    healthyThresholdCount: qInt(p, 'HealthyThresholdCount'),
    unhealthyThresholdCount: qInt(p, 'UnhealthyThresholdCount'),
    matcher: qStruct(p, 'Matcher')?.HttpCode,
  };
}

function tgShape(model: ElbModel, tg: TargetGroup) {
  return targetGroupShape(
    tg,
    model.loadBalancersOf(tg).map((lb) => lb.arn),
  );
}

/** The target group of a listener's single forward action (plain or via ForwardConfig). */
function forwardTarget(p: QueryParams): string | undefined {
  const actions = qStructList(p, 'DefaultActions');
  if (actions.length !== 1) throw elbErrors.validation('Exactly one default action must be specified');
  const action = actions[0];
  if (action.Type !== 'forward')
    throw elbErrors.validation(`The emulator supports only forward actions, not '${action.Type}'`);
  return action.TargetGroupArn ?? qStructList(action, 'ForwardConfig.TargetGroups')[0]?.TargetGroupArn;
}

function describeLoadBalancers(model: ElbModel, p: QueryParams) {
  const arns = qList(p, 'LoadBalancerArns');
  const names = qList(p, 'Names');
  if (arns.length > 0 && names.length > 0) {
    throw elbErrors.validation(
      'Load balancer names and load balancer ARNs cannot be specified at the same time',
    );
  }
  if (arns.length > 0) return arns.map((arn) => model.getLoadBalancer(arn));
  const all = model.listLoadBalancers();
  if (names.length === 0) return all;
  return names.map((name) => {
    const lb = all.find((l) => l.name === name);
    if (!lb) throw elbErrors.loadBalancerNotFound(`Load balancers '[${name}]' not found`);
    return lb;
  });
}

function describeTargetGroups(model: ElbModel, p: QueryParams): TargetGroup[] {
  const arns = qList(p, 'TargetGroupArns');
  const names = qList(p, 'Names');
  let list = model.listTargetGroups();
  if (p.LoadBalancerArn) {
    const lb = model.getLoadBalancer(p.LoadBalancerArn);
    list = list.filter((tg) => model.loadBalancersOf(tg).some((l) => l.arn === lb.arn));
  }
  if (arns.length > 0) return arns.map((arn) => model.getTargetGroup(arn));
  if (names.length > 0) {
    return names.map((name) => {
      const tg = list.find((t) => t.name === name);
      if (!tg) throw elbErrors.targetGroupNotFound(`Target groups '[${name}]' not found`);
      return tg;
    });
  }
  return list;
}

/** ELB makes its service-linked role with an account's first load balancer or target group. */
const ELB_SERVICE = 'elasticloadbalancing.amazonaws.com';

const handlers: Record<string, Handler> = {
  DescribeAccountLimits: (p, ctx) => {
    pageSize(p);
    return {
      Limits: xmlMembers(
        modelOf(ctx)
          .accountLimits()
          .map((l) => ({ Name: l.name, Max: String(l.max) })),
      ),
    };
  },

  CreateTargetGroup: (p, ctx) => {
    const model = modelOf(ctx);
    const tg = model.createTargetGroup({
      name: p.Name,
      protocol: p.Protocol,
      protocolVersion: p.ProtocolVersion,
      port: qInt(p, 'Port'),
      vpcId: p.VpcId,
      targetType: p.TargetType,
      ...healthCheckParams(p),
      tags: qTagList(p, 'Tags'),
    });
    iamModelOf(ctx.world).ensureServiceLinkedRole(ELB_SERVICE);
    return { TargetGroups: xmlMembers([tgShape(model, tg)]) };
  },

  DescribeTargetGroups: (p, ctx) => {
    const model = modelOf(ctx);
    const page = paginate(describeTargetGroups(model, p), p.Marker, pageSize(p), 'ValidationError');
    return {
      TargetGroups: xmlMembers(page.items.map((tg) => tgShape(model, tg))),
      NextMarker: page.nextMarker,
    };
  },

  ModifyTargetGroup: (p, ctx) => {
    const model = modelOf(ctx);
    const hc = healthCheckParams(p);
    const tg = model.modifyTargetGroup(p.TargetGroupArn ?? '', {
      protocol: hc.healthCheckProtocol,
      port: hc.healthCheckPort,
      enabled: hc.healthCheckEnabled,
      path: hc.healthCheckPath,
      intervalSeconds: hc.healthCheckIntervalSeconds,
      timeoutSeconds: hc.healthCheckTimeoutSeconds,
      healthyThreshold: hc.healthyThresholdCount,
      unhealthyThreshold: hc.unhealthyThresholdCount,
      matcher: hc.matcher,
    });
    return { TargetGroups: xmlMembers([tgShape(model, tg)]) };
  },

  DeleteTargetGroup: (p, ctx) => {
    modelOf(ctx).deleteTargetGroup(p.TargetGroupArn ?? '');
    return {};
  },

  DescribeTargetGroupAttributes: (p, ctx) => {
    const tg = modelOf(ctx).getTargetGroup(p.TargetGroupArn ?? '');
    return {
      Attributes: xmlMembers([
        { Key: 'deregistration_delay.timeout_seconds', Value: String(tg.deregistrationDelaySeconds) },
      ]),
    };
  },

  ModifyTargetGroupAttributes: (p, ctx) => {
    const tg = modelOf(ctx).getTargetGroup(p.TargetGroupArn ?? '');
    for (const attr of qStructList(p, 'Attributes')) {
      if (attr.Key !== 'deregistration_delay.timeout_seconds') {
        throw elbErrors.validation(`The emulator does not support the target group attribute '${attr.Key}'`);
      }
      const seconds = Number(attr.Value);
      if (!Number.isInteger(seconds) || seconds < 0 || seconds > 3600) {
        throw elbErrors.validation('Deregistration delay must be between 0 and 3600 seconds');
      }
      tg.deregistrationDelaySeconds = seconds;
    }
    return {
      Attributes: xmlMembers([
        { Key: 'deregistration_delay.timeout_seconds', Value: String(tg.deregistrationDelaySeconds) },
      ]),
    };
  },

  CreateLoadBalancer: async (p, ctx) => {
    const model = modelOf(ctx);
    const subnetIds = [...qList(p, 'Subnets'), ...qStructList(p, 'SubnetMappings').map((m) => m.SubnetId)];
    const { lb } = model.createLoadBalancer({
      name: p.Name,
      subnetIds,
      securityGroups: qList(p, 'SecurityGroups'),
      scheme: p.Scheme,
      type: p.Type,
      ipAddressType: p.IpAddressType,
      tags: qTagList(p, 'Tags'),
    });
    lb.dnsName = await dataPlaneOf(ctx.world).open(lb);
    iamModelOf(ctx.world).ensureServiceLinkedRole(ELB_SERVICE);
    return { LoadBalancers: xmlMembers([loadBalancerShape(lb, model.stateOf(lb), ctx.region)]) };
  },

  DescribeLoadBalancers: (p, ctx) => {
    const model = modelOf(ctx);
    const page = paginate(describeLoadBalancers(model, p), p.Marker, pageSize(p), 'ValidationError');
    return {
      LoadBalancers: xmlMembers(page.items.map((lb) => loadBalancerShape(lb, model.stateOf(lb), ctx.region))),
      NextMarker: page.nextMarker,
    };
  },

  DeleteLoadBalancer: (p, ctx) => {
    const lb = modelOf(ctx).deleteLoadBalancer(p.LoadBalancerArn ?? '');
    // Connections are cut at once; the port closes in the background.
    if (lb) void dataPlaneOf(ctx.world).close(lb.arn);
    return {};
  },

  CreateListener: (p, ctx) => {
    const listener = modelOf(ctx).createListener({
      loadBalancerArn: p.LoadBalancerArn ?? '',
      protocol: p.Protocol,
      port: qInt(p, 'Port'),
      targetGroupArn: forwardTarget(p),
      tags: qTagList(p, 'Tags'),
    });
    return { Listeners: xmlMembers([listenerShape(listener)]) };
  },

  DescribeListeners: (p, ctx) => {
    const model = modelOf(ctx);
    const arns = qList(p, 'ListenerArns');
    if (!p.LoadBalancerArn && arns.length === 0) {
      throw elbErrors.validation('You must specify either listener ARNs or a load balancer ARN');
    }
    const list =
      arns.length > 0
        ? arns.map((arn) => model.getListener(arn))
        : model.listenersOf(model.getLoadBalancer(p.LoadBalancerArn).arn);
    const page = paginate(list, p.Marker, pageSize(p), 'ValidationError');
    return { Listeners: xmlMembers(page.items.map(listenerShape)), NextMarker: page.nextMarker };
  },

  DeleteListener: (p, ctx) => {
    modelOf(ctx).deleteListener(p.ListenerArn ?? '');
    return {};
  },

  RegisterTargets: (p, ctx) => {
    modelOf(ctx).registerTargets(p.TargetGroupArn ?? '', targetsOf(p));
    return {};
  },

  DeregisterTargets: (p, ctx) => {
    modelOf(ctx).deregisterTargets(p.TargetGroupArn ?? '', targetsOf(p));
    return {};
  },

  DescribeTargetHealth: (p, ctx) => ({
    TargetHealthDescriptions: xmlMembers(
      modelOf(ctx)
        .describeTargetHealth(p.TargetGroupArn ?? '', targetsOf(p))
        .map(targetHealthShape),
    ),
  }),

  AddTags: (p, ctx) => {
    modelOf(ctx).addTags(qList(p, 'ResourceArns'), qTagList(p, 'Tags'));
    return {};
  },

  DescribeTags: (p, ctx) => {
    const model = modelOf(ctx);
    return {
      TagDescriptions: xmlMembers(
        qList(p, 'ResourceArns').map((arn) => ({ ResourceArn: arn, Tags: tagsShape(model.tagsOf(arn)) })),
      ),
    };
  },

  RemoveTags: (p, ctx) => {
    modelOf(ctx).removeTags(qList(p, 'ResourceArns'), qList(p, 'TagKeys'));
    return {};
  },
};

export const elbv2Service: EmulatedService = {
  signingName: 'elasticloadbalancing',
  protocol: 'query',
  xmlns: 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/',
  handle(action, input, ctx) {
    return dispatch('query', handlers, action, input as QueryParams, ctx);
  },
};
