/**
 * SPEC §3 and §7: web server #1 from the current Amazon Linux 2023 AMI, an AMI of it (with
 * reboot), and web server #2 from that AMI in the other AZ. The user data configures
 * WordPress by itself once the DB endpoint exists, so nothing here waits for the database; it
 * fixes WordPress's home to the load balancer's DNS name, which is why the web servers need the
 * `load-balancer` step (done as soon as CreateLoadBalancer has answered).
 */
import { imageAvailable, instanceRunning } from '../../../aws/ec2';
import { errorCode } from '../../../aws/errors';
import { al2023AmiParameter } from '../../../aws/ssm';
import { sitebotTags } from '../../../aws/tags';
import { renderUserData } from '../../userdata/wordpress';
import type { CreateConfig } from '../deps';
import { clientToken } from '../names';
import {
  defineStep,
  done,
  fromReadiness,
  MINUTE,
  names,
  need,
  notVisibleYet,
  str,
  wait,
  type Ctx,
} from '../step-kit';
import type { StepResult } from '../../engine/types';

/** Graviton families (t4g, m7g, c8g, …) need the arm64 AMI. */
export function amiArchitecture(instanceType: string): 'arm64' | 'x86_64' {
  return /^[a-z]+\d+[a-z]*g[a-z]*\./.test(instanceType) ? 'arm64' : 'x86_64';
}

/** A fresh instance profile takes seconds to be visible to EC2 (IAM is eventually consistent). */
function isProfileNotYetVisible(err: unknown): boolean {
  return (
    errorCode(err) === 'InvalidParameterValue' &&
    /iam ?instance ?profile/i.test(String((err as Error).message))
  );
}

function userDataFor(ctx: Ctx, config: CreateConfig, server: 1 | 2): string {
  const n = names(ctx);
  return renderUserData({
    env: ctx.env,
    region: config.region,
    secretId: n.secret,
    dbInstanceId: n.db,
    locale: config.wpLocale,
    siteTitle: ctx.env,
    adminEmail: config.wpAdminEmail,
    siteHost: need(ctx, 'load-balancer', 'dnsName'),
    server,
  });
}

interface LaunchSpec {
  n: 1 | 2;
  imageId: string;
  subnetId: string;
}

async function ensureWebServer(ctx: Ctx, spec: LaunchSpec): Promise<StepResult> {
  const { ec2, config } = ctx.deps;
  const role = `web-${spec.n}`;
  const recorded = str(ctx.own, 'instanceId');
  let instance = await ec2.findInstance(recorded, ctx.env, role);
  if (!instance && recorded) return notVisibleYet(ctx, role);
  if (!instance) {
    try {
      instance = await ec2.runInstance({
        imageId: spec.imageId,
        instanceType: config.instanceType,
        subnetId: spec.subnetId,
        securityGroupIds: [need(ctx, 'security-groups', 'webSgId')],
        instanceProfileName: need(ctx, 'web-role', 'instanceProfileName'),
        userData: userDataFor(ctx, config, spec.n),
        clientToken: clientToken(ctx.runId, role),
        tags: sitebotTags(ctx, role, names(ctx).web(spec.n)),
      });
    } catch (err) {
      if (isProfileNotYetVisible(err))
        return wait(config.poll.fast, 'instance profile not visible to EC2 yet');
      throw err;
    }
    await ctx.record({ instanceId: instance.InstanceId });
  }
  return fromReadiness(instanceRunning(instance), config.poll.instance, role, (running) =>
    done({
      instanceId: running!.InstanceId,
      az: running!.Placement?.AvailabilityZone,
      privateIp: running!.PrivateIpAddress,
      publicIp: running!.PublicIpAddress,
    }),
  );
}

export const web1Step = defineStep('web-1', {
  timeoutMs: 15 * MINUTE,
  async body(ctx) {
    const { ssm, config } = ctx.deps;
    // Pin the AMI on first use so a retry launches the same image.
    let imageId = str(ctx.own, 'baseImageId');
    if (!imageId) {
      imageId = await ssm.getParameter(al2023AmiParameter(amiArchitecture(config.instanceType)));
      await ctx.record({ baseImageId: imageId });
    }
    return ensureWebServer(ctx, { n: 1, imageId, subnetId: need(ctx, 'subnets', 'publicSubnetA') });
  },
});

export const webAmiStep = defineStep('web-ami', {
  timeoutMs: 45 * MINUTE,
  async body(ctx) {
    const { ec2, config } = ctx.deps;
    const name = names(ctx).ami;
    const recorded = str(ctx.own, 'imageId');
    const image = await ec2.findImage(recorded, name);
    if (!image && recorded) return notVisibleYet(ctx, 'image');
    if (!image) {
      const imageId = await ec2.createImage(
        need(ctx, 'web-1', 'instanceId'),
        name,
        sitebotTags(ctx, 'web-ami', name),
      );
      await ctx.record({ imageId });
      return wait(config.poll.image, 'image: pending');
    }
    return fromReadiness(imageAvailable(image), config.poll.image, 'image', (ready) =>
      done({
        imageId: ready!.ImageId,
        snapshotIds: (ready!.BlockDeviceMappings ?? []).map((b) => b.Ebs?.SnapshotId).filter(Boolean),
      }),
    );
  },
});

export const web2Step = defineStep('web-2', {
  timeoutMs: 15 * MINUTE,
  async body(ctx) {
    return ensureWebServer(ctx, {
      n: 2,
      imageId: need(ctx, 'web-ami', 'imageId'),
      subnetId: need(ctx, 'subnets', 'publicSubnetC'),
    });
  },
});
