/** SPEC §1: the VPC over two AZs, four subnets, the internet gateway and the public route table. */
import { sitebotTags } from '../../../aws/tags';
import { SUBNETS, VPC_CIDR } from '../layout';
import { clientToken } from '../names';
import { defineStep, done, MINUTE, names, need, notVisibleYet, str } from '../step-kit';

export const vpcStep = defineStep('vpc', {
  timeoutMs: 5 * MINUTE,
  async body(ctx) {
    const { ec2 } = ctx.deps;
    const recorded = str(ctx.own, 'vpcId');
    let vpc = await ec2.findVpc(recorded, ctx.env);
    if (!vpc && recorded) return notVisibleYet(ctx, 'vpc');
    if (!vpc) {
      vpc = await ec2.createVpc(VPC_CIDR, sitebotTags(ctx, 'vpc', names(ctx).vpc));
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
    for (const s of SUBNETS) {
      const recorded = str(ctx.own, s.key);
      let subnet = await ec2.findSubnet(recorded, ctx.env, s.role);
      if (!subnet && recorded) return notVisibleYet(ctx, s.role);
      if (!subnet) {
        const az = config.azs[s.side === 'a' ? 0 : 1];
        subnet = await ec2.createSubnet(
          vpcId,
          s.cidr,
          az,
          sitebotTags(ctx, s.role, names(ctx).subnet(s.tier, s.side)),
        );
        await ctx.record({ [s.key]: subnet.SubnetId });
      }
      if (s.tier === 'public' && !subnet.MapPublicIpOnLaunch) await ec2.mapPublicIpOnLaunch(subnet.SubnetId!);
      ids[s.key] = subnet.SubnetId!;
    }
    return done(ids);
  },
});

export const internetGatewayStep = defineStep('internet-gateway', {
  timeoutMs: 5 * MINUTE,
  async body(ctx) {
    const { ec2 } = ctx.deps;
    const vpcId = need(ctx, 'vpc', 'vpcId');
    const recorded = str(ctx.own, 'igwId');
    let igw = await ec2.findInternetGateway(recorded, ctx.env);
    if (!igw && recorded) return notVisibleYet(ctx, 'internet gateway');
    if (!igw) {
      igw = await ec2.createInternetGateway(sitebotTags(ctx, 'igw', names(ctx).igw));
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
