/**
 * Instances after launch (instance-launch.ts): Describe with filters and pagination,
 * Stop/Start/Terminate on the virtual clock, DescribeInstanceAttribute, DescribeInstanceStatus.
 * LIMITATIONS: one network interface per instance; no key pairs (KeyName is rejected as not
 * found); no EBS volumes API beyond the root volume id; no spot, placement groups or templates;
 * no ModifyInstanceAttribute / ModifyInstanceMetadataOptions.
 */
import { AwsError } from '../protocol/errors';
import { qBool, qFilters, qInt, qList, qRequired, type QueryParams } from '../protocol/query';
import { xmlList } from '../protocol/xml';
import {
  checkId,
  incorrectInstanceState,
  invalidParameterCombination,
  invalidParameterValue,
} from './errors';
import { applyFilters } from './filters';
import { insufficientCapacity, runInstances } from './instance-launch';
import { reservationXml, STATE_CODES, stateXml } from './instance-xml';
import type { Ec2Handler, Ec2Model } from './model';
import { paginate } from './paginate';
import type { Instance, InstanceStateName } from './types';

function requireInstances(model: Ec2Model, p: QueryParams): Instance[] {
  const ids = qList(p, 'InstanceId');
  if (ids.length === 0)
    throw new AwsError('MissingParameter', 'The request must contain the parameter InstanceId');
  model.settle();
  const missing: string[] = [];
  const found: Instance[] = [];
  for (const id of ids) {
    const i = model.instances.get(id);
    if (i && model.isVisible(i) && model.isPropagated(id)) found.push(i);
    else {
      checkId('i', id); // throws Malformed for a bad shape
      missing.push(id);
    }
  }
  if (missing.length === 1) throw checkId('i', missing[0]);
  if (missing.length > 1) {
    throw new AwsError('InvalidInstanceID.NotFound', `The instance IDs '${missing.join(', ')}' do not exist`);
  }
  return found;
}

function stateChange(model: Ec2Model, i: Instance, previous: InstanceStateName) {
  return { instanceId: i.instanceId, currentState: stateXml(i.state), previousState: stateXml(previous) };
}

const stopInstances: Ec2Handler = (p, model) => {
  const instances = requireInstances(model, p);
  for (const i of instances) {
    if (i.state === 'terminated' || i.state === 'shutting-down') {
      throw incorrectInstanceState(
        `This instance '${i.instanceId}' is not in a state from which it can be stopped.`,
      );
    }
    if (i.state === 'pending' && !i.hasRun) {
      throw incorrectInstanceState(
        `Instance '${i.instanceId}' cannot be stopped as it has never reached the 'running' state.`,
      );
    }
  }
  const now = model.now;
  const changes = instances.map((i) => {
    const previous = i.state;
    if (i.state === 'pending' || i.state === 'running') {
      i.state = 'stopping';
      i.transitionAt = now + model.world.durations.instanceStopping;
      i.rebootUntil = undefined;
      i.stateTransitionReason = `User initiated (${new Date(now).toISOString().replace('T', ' ').slice(0, 19)} GMT)`;
      // A stopped instance gives back its auto-assigned public IPv4 address.
      const eni = model.networkInterfaces.get(i.networkInterfaceId);
      if (eni) eni.publicIp = undefined;
    }
    return stateChange(model, i, previous);
  });
  return { instancesSet: xmlList('item', changes) };
};

const startInstances: Ec2Handler = (p, model) => {
  const instances = requireInstances(model, p);
  for (const i of instances) {
    if (i.state !== 'stopped' && i.state !== 'running' && i.state !== 'pending') {
      throw incorrectInstanceState(
        `The instance '${i.instanceId}' is not in a state from which it can be started.`,
      );
    }
  }
  for (const i of instances) {
    if (i.state === 'stopped' && model.world.faults.noCapacity(i.instanceType, i.availabilityZone)) {
      throw insufficientCapacity(model, i.instanceType, i.availabilityZone);
    }
  }
  const now = model.now;
  const changes = instances.map((i) => {
    const previous = i.state;
    if (i.state === 'stopped') {
      i.state = 'pending';
      i.transitionAt = now + model.world.durations.instancePending;
      i.stateTransitionReason = '';
      const subnet = model.subnets.get(i.subnetId);
      const eni = model.networkInterfaces.get(i.networkInterfaceId);
      if (eni && subnet?.mapPublicIpOnLaunch) eni.publicIp = model.allocatePublicIp();
    }
    return stateChange(model, i, previous);
  });
  return { instancesSet: xmlList('item', changes) };
};

const terminateInstances: Ec2Handler = (p, model) => {
  const instances = requireInstances(model, p);
  const now = model.now;
  const changes = instances.map((i) => {
    const previous = i.state;
    if (i.state !== 'terminated' && i.state !== 'shutting-down') {
      i.state = 'shutting-down';
      i.transitionAt = now + model.world.durations.instanceShuttingDown;
      i.rebootUntil = undefined;
      i.runningSince = undefined;
      i.stateTransitionReason = `User initiated (${new Date(now).toISOString().replace('T', ' ').slice(0, 19)} GMT)`;
    }
    return stateChange(model, i, previous);
  });
  return { instancesSet: xmlList('item', changes) };
};

const instanceFilters = (model: Ec2Model) => ({
  'instance-id': (i: Instance) => i.instanceId,
  'instance-state-name': (i: Instance) => i.state,
  'instance-state-code': (i: Instance) => String(STATE_CODES[i.state]),
  'instance-type': (i: Instance) => i.instanceType,
  'image-id': (i: Instance) => i.imageId,
  'vpc-id': (i: Instance) => i.vpcId,
  'subnet-id': (i: Instance) => i.subnetId,
  'availability-zone': (i: Instance) => i.availabilityZone,
  'private-ip-address': (i: Instance) => i.privateIpAddress,
  'ip-address': (i: Instance) => model.networkInterfaces.get(i.networkInterfaceId)?.publicIp,
  'instance.group-id': (i: Instance) => i.securityGroupIds,
  'group-id': (i: Instance) => i.securityGroupIds,
  'client-token': (i: Instance) => i.clientToken,
  'reservation-id': (i: Instance) => i.reservationId,
  'network-interface.network-interface-id': (i: Instance) => i.networkInterfaceId,
  architecture: (i: Instance) => i.architecture,
  'owner-id': () => model.accountId,
});

const describeInstances: Ec2Handler = (p, model) => {
  const ids = qList(p, 'InstanceId');
  const maxResults = qInt(p, 'MaxResults');
  if (ids.length > 0 && maxResults !== undefined) {
    throw invalidParameterCombination(
      'The parameter instancesSet cannot be used with the parameter maxResults',
    );
  }
  model.settle();
  const all =
    ids.length > 0
      ? requireInstances(model, p)
      : model.listed(model.instances.values(), (i) => i.instanceId).filter((i) => model.isVisible(i));
  const filtered = applyFilters(all, qFilters(p), instanceFilters(model), (i) => model.tagsOf(i.instanceId));
  const page = paginate(filtered, maxResults, p.NextToken);
  const byReservation = new Map<string, Instance[]>();
  for (const i of page.items)
    byReservation.set(i.reservationId, [...(byReservation.get(i.reservationId) ?? []), i]);
  return {
    reservationSet: xmlList(
      'item',
      [...byReservation.entries()].map(([rid, list]) => reservationXml(model, rid, list)),
    ),
    nextToken: page.nextToken,
  };
};

const describeInstanceAttribute: Ec2Handler = (p, model) => {
  const i = model.requireInstance(qRequired(p, 'InstanceId'));
  const attribute = qRequired(p, 'Attribute');
  const out: Record<string, unknown> = { instanceId: i.instanceId };
  switch (attribute) {
    case 'userData':
      out.userData = i.userData !== undefined ? { value: i.userData } : {};
      break;
    case 'instanceType':
      out.instanceType = { value: i.instanceType };
      break;
    case 'groupSet':
      out.groupSet = xmlList(
        'item',
        i.securityGroupIds.map((groupId) => ({ groupId })),
      );
      break;
    case 'disableApiTermination':
      out.disableApiTermination = { value: false };
      break;
    case 'disableApiStop':
      out.disableApiStop = { value: false };
      break;
    case 'rootDeviceName':
      out.rootDeviceName = { value: '/dev/xvda' };
      break;
    case 'instanceInitiatedShutdownBehavior':
      out.instanceInitiatedShutdownBehavior = { value: 'stop' };
      break;
    default:
      throw invalidParameterValue(
        `Value (${attribute}) for parameter attribute is invalid. Unknown attribute.`,
      );
  }
  return out;
};

/** Status checks pass once the instance has booted (`instanceBoot` after it became running). */
const describeInstanceStatus: Ec2Handler = (p, model) => {
  model.settle();
  const includeAll = qBool(p, 'IncludeAllInstances') ?? false;
  const ids = qList(p, 'InstanceId');
  const all =
    ids.length > 0
      ? requireInstances(model, p)
      : model.listed(model.instances.values(), (i) => i.instanceId).filter((i) => model.isVisible(i));
  const candidates = all.filter((i) => includeAll || i.state === 'running');
  const filtered = applyFilters(
    candidates,
    qFilters(p),
    {
      'instance-state-name': (i) => i.state,
      'availability-zone': (i) => i.availabilityZone,
      'instance-status.status': (i) => statusOf(model, i),
      'system-status.status': (i) => statusOf(model, i),
    },
    (i) => model.tagsOf(i.instanceId),
  );
  const page = paginate(filtered, qInt(p, 'MaxResults'), p.NextToken);
  return {
    instanceStatusSet: xmlList(
      'item',
      page.items.map((i) => {
        const status = statusOf(model, i);
        const summary = {
          status,
          details: xmlList(
            'item',
            status === 'not-applicable'
              ? []
              : [{ name: 'reachability', status: status === 'ok' ? 'passed' : 'initializing' }],
          ),
        };
        return {
          instanceId: i.instanceId,
          availabilityZone: i.availabilityZone,
          instanceState: stateXml(i.state),
          systemStatus: summary,
          instanceStatus: summary,
        };
      }),
    ),
    nextToken: page.nextToken,
  };
};

function statusOf(model: Ec2Model, i: Instance): string {
  if (i.state !== 'running') return 'not-applicable';
  const since = i.runningSince ?? model.now;
  return model.now >= since + model.world.durations.instanceBoot ? 'ok' : 'initializing';
}

export const instanceHandlers: Record<string, Ec2Handler> = {
  RunInstances: runInstances,
  DescribeInstances: describeInstances,
  StopInstances: stopInstances,
  StartInstances: startInstances,
  TerminateInstances: terminateInstances,
  DescribeInstanceAttribute: describeInstanceAttribute,
  DescribeInstanceStatus: describeInstanceStatus,
};
