/**
 * Public AMIs every account sees: the Amazon Linux 2023 images that the public SSM parameters
 * `/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-{x86_64,arm64}` point to.
 */
import type { Ec2Model } from './model';

export const AMAZON_OWNER_ID = '137112412989';

export const PUBLIC_AL2023 = {
  x86_64: { imageId: 'ami-0d52744d6551d851e', name: 'al2023-ami-2023.9.20251117.1-kernel-6.1-x86_64' },
  arm64: { imageId: 'ami-0a9c3f5e4b2d18e67', name: 'al2023-ami-2023.9.20251117.1-kernel-6.1-arm64' },
} as const;

export function seedPublicImages(model: Ec2Model): void {
  const created = Date.parse('2025-11-17T00:00:00.000Z');
  for (const arch of ['x86_64', 'arm64'] as const) {
    const { imageId, name } = PUBLIC_AL2023[arch];
    model.images.set(imageId, {
      imageId,
      name,
      description: `Amazon Linux 2023 AMI 2023.9.20251117.1 ${arch} HVM kernel-6.1`,
      ownerId: AMAZON_OWNER_ID,
      ownerAlias: 'amazon',
      isPublic: true,
      architecture: arch,
      state: 'available',
      availableAt: created,
      creationDate: created,
      rootDeviceName: '/dev/xvda',
      volumeSize: 8,
    });
  }
}
