/** SPEC §1: the VPC over two AZs, four subnets, the internet gateway and the public route table. */
import { sitebotTags } from '../../../aws/tags';
import { SUBNETS, VPC_CIDR } from '../layout';
import { clientToken } from '../names';
import { errorCode, isAlreadyExists } from '../../../aws/errors';
import {
  createUntokened,
  defineStep,
  done,
  MINUTE,
  names,
  need,
  notVisibleYet,
  str,
  wait,
} from '../step-kit';

/** Room for an untokened create whose answer was lost, its listing lag, and a second try. */
const UNTOKENED_TIMEOUT_MS = 10 * MINUTE;

export const vpcStep = defineStep('vpc', {
  timeoutMs: UNTOKENED_TIMEOUT_MS,
  async body(ctx) {
    const { ec2 } = ctx.deps;
    const recorded = str(ctx.own, 'vpcId');
    let vpc = await ec2.findVpc(recorded, ctx.env);
    if (!vpc && recorded) return notVisibleYet(ctx, 'vpc');
    if (!vpc) {
      const created = await createUntokened(ctx, 'vpc', () =>
        ec2.createVpc(VPC_CIDR, sitebotTags(ctx, 'vpc', names(ctx).vpc)),
      );
      if ('wait' in created) return created.wait;
      vpc = created.made;
      await ctx.record({ vpcId: vpc.VpcId });
    }
    const vpcId = vpc.VpcId!;
    // On by default; set explicitly because the web servers resolve the RDS endpoint through it.
    if (!(await ec2.vpcDnsSupport(vpcId))) await ec2.enableVpcDnsSupport(vpcId);
    return done({ vpcId });
  },
});

export const subnetsStep = defineStep('subnets', {
  timeoutMs: 5 * MINUTE,
  async body(ctx) {
    const { ec2, config } = ctx.deps;
    const vpcId = need(ctx, 'vpc', 'vpcId');
    const ids: Record<string, string> = {};
    // Every subnet is tried on each pass, so the ones waiting to be listed wait together.
    const waiting: string[] = [];
    for (const s of SUBNETS) {
      const recorded = str(ctx.own, s.key);
      let subnet = await ec2.findSubnet(recorded, ctx.env, s.role);
      if (!subnet && recorded) {
        waiting.push(`${s.role}: created, not visible yet`);
        continue;
      }
      if (!subnet) {
        const az = config.azs[s.side === 'a' ? 0 : 1];
        try {
          subnet = await ec2.createSubnet(
            vpcId,
            s.cidr,
            az,
            sitebotTags(ctx, s.role, names(ctx).subnet(s.tier, s.side)),
          );
        } catch (err) {
          // Its CIDR is taken in our VPC: an attempt whose answer was lost made it; not listed yet.
          if (!isAlreadyExists(err)) throw err;
          waiting.push(`${s.role}: ${errorCode(err)}, made by an earlier attempt, not listed yet`);
          continue;
        }
        await ctx.record({ [s.key]: subnet.SubnetId });
      }
      if (s.tier === 'public' && !subnet.MapPublicIpOnLaunch) await ec2.mapPublicIpOnLaunch(subnet.SubnetId!);
      ids[s.key] = subnet.SubnetId!;
    }
    if (waiting.length > 0) return wait(config.poll.fast * 5, waiting.join('; '));
    return done(ids);
  },
});

export const internetGatewayStep = defineStep('internet-gateway', {
  timeoutMs: UNTOKENED_TIMEOUT_MS,
  async body(ctx) {
    const { ec2 } = ctx.deps;
    const vpcId = need(ctx, 'vpc', 'vpcId');
    const recorded = str(ctx.own, 'igwId');
    let igw = await ec2.findInternetGateway(recorded, ctx.env);
    if (!igw && recorded) return notVisibleYet(ctx, 'internet gateway');
    if (!igw) {
      const created = await createUntokened(ctx, 'igw', () =>
        ec2.createInternetGateway(sitebotTags(ctx, 'igw', names(ctx).igw)),
      );
      if ('wait' in created) return created.wait;
      igw = created.made;
      await ctx.record({ igwId: igw.InternetGatewayId });
    }
    const attached = (igw.Attachments ?? []).some((a) => a.VpcId === vpcId);
    if (!attached) await ec2.attachInternetGateway(igw.InternetGatewayId!, vpcId);
    return done({ igwId: igw.InternetGatewayId });
  },
});

export const publicRoutesStep = defineStep('public-routes', {
  timeoutMs: 5 * MINUTE,
  async body(ctx) {
    const { ec2 } = ctx.deps;
    const vpcId = need(ctx, 'vpc', 'vpcId');
    const igwId = need(ctx, 'internet-gateway', 'igwId');
    const publicSubnets = [need(ctx, 'subnets', 'publicSubnetA'), need(ctx, 'subnets', 'publicSubnetC')];
    const recorded = str(ctx.own, 'routeTableId');
    let rt = await ec2.findRouteTable(recorded, ctx.env, 'public-route-table');
    if (!rt && recorded) return notVisibleYet(ctx, 'route table');
    if (!rt) {
      rt = await ec2.createRouteTable(
        vpcId,
        clientToken(ctx.runId, 'public-route-table'),
        sitebotTags(ctx, 'public-route-table', names(ctx).publicRouteTable),
      );
      await ctx.record({ routeTableId: rt.RouteTableId });
    }
    const routeTableId = rt.RouteTableId!;
    const hasDefault = (rt.Routes ?? []).some(
      (r) => r.DestinationCidrBlock === '0.0.0.0/0' && r.GatewayId === igwId,
    );
    if (!hasDefault) await ec2.ensureDefaultRoute(routeTableId, igwId);
    const associated = new Set((rt.Associations ?? []).map((a) => a.SubnetId));
    for (const subnetId of publicSubnets) {
      if (!associated.has(subnetId)) await ec2.associateRouteTable(routeTableId, subnetId);
    }
    return done({ routeTableId });
  },
});
