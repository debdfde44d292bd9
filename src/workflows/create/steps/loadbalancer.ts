/** SPEC §5, §7: the target group, the internet-facing ALB, its HTTP listener, both targets healthy. */
import { say } from '../../../i18n/said';
import { loadBalancerActive, targetsHealthy } from '../../../aws/elbv2';
import { sitebotTags } from '../../../aws/tags';
import { HEALTH_CHECK_PATH } from '../layout';
import { SITE_CHECK_PARAM } from '../run-params';
import { defineStep, done, fromReadiness, MINUTE, names, need, wait } from '../step-kit';

export const targetGroupStep = defineStep('target-group', {
  timeoutMs: 5 * MINUTE,
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

/**
 * Done as soon as CreateLoadBalancer has answered: its DNS name (the site's URL) is known then,
 * and the web servers' user data needs it. The wait for `active` is the listener's.
 */
export const loadBalancerStep = defineStep('load-balancer', {
  timeoutMs: 5 * MINUTE,
  async body(ctx) {
    const { elbv2 } = ctx.deps;
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
    return done({ loadBalancerArn: lb.LoadBalancerArn, dnsName: lb.DNSName });
  },
});

/** Waits for the load balancer to be active, then adds its HTTP listener. */
export const listenerStep = defineStep('listener', {
  timeoutMs: 20 * MINUTE,
  async body(ctx) {
    const { elbv2, config } = ctx.deps;
    const lbArn = need(ctx, 'load-balancer', 'loadBalancerArn');
    const tgArn = need(ctx, 'target-group', 'targetGroupArn');
    const lb = await elbv2.findLoadBalancer(names(ctx).alb);
    return fromReadiness(loadBalancerActive(lb), config.poll.lb, 'load balancer', async () => {
      let listener = (await elbv2.listeners(lbArn)).find((l) => l.Port === 80);
      if (!listener) {
        listener = await elbv2.createHttpListener(lbArn, tgArn, sitebotTags(ctx, 'listener'));
        await ctx.record({ listenerArn: listener.ListenerArn });
      }
      return done({ listenerArn: listener.ListenerArn });
    });
  },
});

export const registerTargetsStep = defineStep('register-targets', {
  timeoutMs: 5 * MINUTE,
  async body(ctx) {
    const ids = [need(ctx, 'web-1', 'instanceId'), need(ctx, 'web-2', 'instanceId')];
    await ctx.deps.elbv2.registerInstances(need(ctx, 'target-group', 'targetGroupArn'), ids);
    return done({ instanceIds: ids });
  },
});

export const targetsHealthyStep = defineStep('targets-healthy', {
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

/**
 * The end: the site answers 200 through the ALB (WordPress is installed), and what people need.
 * Without a probe, or with the run's `siteCheck: false` (an endpoint with no data plane), the
 * site is not asked, and the outputs say so.
 */
export const siteStep = defineStep('site', {
  timeoutMs: 30 * MINUTE,
  async body(ctx) {
    const { config, probe } = ctx.deps;
    const siteUrl = `http://${need(ctx, 'load-balancer', 'dnsName')}/`;
    const check = probe && ctx.params[SITE_CHECK_PARAM] !== false;
    if (check) {
      const status = await probe(siteUrl).catch((err: unknown) => `${(err as Error).message ?? err}`);
      if (status !== 200)
        return wait(config.poll.health, say('work.siteAnswers', { status: String(status) }));
    }
    return done(
      {
        siteUrl,
        dbEndpoint: need(ctx, 'database', 'dbEndpoint'),
        azs: [...config.azs],
        multiAz: ctx.outputsOf('database-multi-az').multiAz === true,
        siteChecked: Boolean(check),
      },
      check ? undefined : say('work.siteWasNotChecked'),
    );
  },
});
