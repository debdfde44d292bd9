/** SPEC §5, §7: the target group, the internet-facing ALB, its HTTP listener, both targets healthy. */
import { loadBalancerActive, targetsHealthy } from '../../../aws/elbv2';
import { sitebotTags } from '../../../aws/tags';
import { defineStep, done, fromReadiness, MINUTE, names, need, wait } from '../step-kit';

/** A static file of WordPress: healthy as soon as Apache serves the files, before the DB is up. */
export const HEALTH_CHECK_PATH = '/wp-includes/images/blank.gif';

export const targetGroupStep = defineStep({
  id: 'target-group',
  title: 'Create target group',
  needs: ['vpc'],
  timeoutMs: 5 * MINUTE,
  resources: ({ env }) => [
    {
      type: 'target-group',
      name: `${env}-tg`,
      detail: `HTTP/80 instances, health check ${HEALTH_CHECK_PATH}`,
    },
  ],
  async body(ctx) {
    const { elbv2 } = ctx.deps;
    const name = names(ctx).targetGroup;
    let tg = await elbv2.findTargetGroup(name);
    if (!tg) {
      tg = await elbv2.createTargetGroup({
        name,
        vpcId: need(ctx, 'vpc', 'vpcId'),
        healthCheckPath: HEALTH_CHECK_PATH,
        tags: sitebotTags(ctx, 'target-group'),
      });
      await ctx.record({ targetGroupArn: tg.TargetGroupArn });
    }
    return done({ targetGroupArn: tg.TargetGroupArn });
  },
});

export const loadBalancerStep = defineStep({
  id: 'load-balancer',
  title: 'Create load balancer',
  needs: ['subnets', 'security-groups', 'internet-gateway'],
  timeoutMs: 20 * MINUTE,
  resources: ({ env }) => [
    {
      type: 'load-balancer',
      name: `${env}-alb`,
      detail: 'internet-facing ALB over both public subnets, elb-sg',
    },
  ],
  async body(ctx) {
    const { elbv2, config } = ctx.deps;
    const name = names(ctx).alb;
    let lb = await elbv2.findLoadBalancer(name);
    if (!lb) {
      lb = await elbv2.createLoadBalancer(
        name,
        [need(ctx, 'subnets', 'publicSubnetA'), need(ctx, 'subnets', 'publicSubnetC')],
        [need(ctx, 'security-groups', 'elbSgId')],
        sitebotTags(ctx, 'load-balancer'),
      );
      await ctx.record({ loadBalancerArn: lb.LoadBalancerArn, dnsName: lb.DNSName });
    }
    return fromReadiness(loadBalancerActive(lb), config.poll.lb, 'load balancer', (active) =>
      done({ loadBalancerArn: active!.LoadBalancerArn, dnsName: active!.DNSName }),
    );
  },
});

export const listenerStep = defineStep({
  id: 'listener',
  title: 'Create HTTP listener',
  needs: ['load-balancer', 'target-group'],
  timeoutMs: 5 * MINUTE,
  resources: () => [{ type: 'listener', name: 'HTTP:80', detail: 'forward to the target group' }],
  async body(ctx) {
    const { elbv2 } = ctx.deps;
    const lbArn = need(ctx, 'load-balancer', 'loadBalancerArn');
    const tgArn = need(ctx, 'target-group', 'targetGroupArn');
    let listener = (await elbv2.listeners(lbArn)).find((l) => l.Port === 80);
    if (!listener) {
      listener = await elbv2.createHttpListener(lbArn, tgArn, sitebotTags(ctx, 'listener'));
      await ctx.record({ listenerArn: listener.ListenerArn });
    }
    return done({ listenerArn: listener.ListenerArn });
  },
});

export const registerTargetsStep = defineStep({
  id: 'register-targets',
  title: 'Register web servers',
  needs: ['target-group', 'web-1', 'web-2'],
  timeoutMs: 5 * MINUTE,
  resources: ({ env }) => [
    { type: 'targets', name: `${env}-web-1, ${env}-web-2`, detail: `registered in ${env}-tg` },
  ],
  async body(ctx) {
    const ids = [need(ctx, 'web-1', 'instanceId'), need(ctx, 'web-2', 'instanceId')];
    await ctx.deps.elbv2.registerInstances(need(ctx, 'target-group', 'targetGroupArn'), ids);
    return done({ instanceIds: ids });
  },
});

export const targetsHealthyStep = defineStep({
  id: 'targets-healthy',
  title: 'Wait for both targets healthy',
  needs: ['register-targets', 'listener'],
  timeoutMs: 30 * MINUTE,
  async body(ctx) {
    const { elbv2, config } = ctx.deps;
    const ids = [need(ctx, 'web-1', 'instanceId'), need(ctx, 'web-2', 'instanceId')];
    const health = await elbv2.targetHealth(need(ctx, 'target-group', 'targetGroupArn'));
    return fromReadiness(targetsHealthy(health, ids), config.poll.health, 'targets', () =>
      done({ healthy: ids }),
    );
  },
});

/** The end: the site answers 200 through the ALB (WordPress is installed), and what people need. */
export const siteStep = defineStep({
  id: 'site',
  title: 'Check the site answers',
  needs: ['targets-healthy', 'database-multi-az'],
  timeoutMs: 30 * MINUTE,
  async body(ctx) {
    const { config, probe } = ctx.deps;
    const siteUrl = `http://${need(ctx, 'load-balancer', 'dnsName')}/`;
    if (probe) {
      const status = await probe(siteUrl).catch((err: unknown) => `${(err as Error).message ?? err}`);
      if (status !== 200) return wait(config.poll.health, `site answers ${status}`);
    }
    return done({
      siteUrl,
      dbEndpoint: need(ctx, 'database', 'dbEndpoint'),
      azs: [...config.azs],
      multiAz: ctx.outputsOf('database-multi-az').multiAz === true,
    });
  },
});
