/**
 * SSM Parameter Store: String, StringList and SecureString parameters with versions and
 * tags, plus the public `/aws/service/ami-amazon-linux-latest/…` parameters that name the
 * current Amazon Linux 2023 AMIs (read-only, as on AWS).
 */
import { PUBLIC_AL2023 } from '../ec2/public-images';
import type { ResourceLister, SandboxResource, World } from '../world';

export type ParameterType = 'String' | 'StringList' | 'SecureString';

export interface Parameter {
  name: string;
  type: ParameterType;
  value: string;
  version: number;
  description?: string;
  keyId?: string;
  lastModified: number;
  tags: Record<string, string>;
  /** Public AWS parameters: readable by everyone, not listed as sandbox resources. */
  public: boolean;
}

export const AL2023_PARAMETER_PREFIX = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-';

export class SsmModel implements ResourceLister {
  readonly parameters = new Map<string, Parameter>();

  constructor(private readonly world: World) {
    this.seed();
  }

  private seed(): void {
    const at = Date.parse('2025-11-17T00:00:00.000Z');
    for (const arch of ['x86_64', 'arm64'] as const) {
      const name = `${AL2023_PARAMETER_PREFIX}${arch}`;
      this.parameters.set(name, {
        name,
        type: 'String',
        value: PUBLIC_AL2023[arch].imageId,
        version: 1,
        lastModified: at,
        tags: {},
        public: true,
      });
    }
  }

  arn(name: string, isPublic: boolean): string {
    const path = name.startsWith('/') ? name : `/${name}`;
    const account = isPublic ? '' : this.world.accountId;
    return `arn:aws:ssm:${this.world.region}:${account}:parameter${path}`;
  }

  listResources(): SandboxResource[] {
    return [...this.parameters.values()]
      .filter((p) => !p.public)
      .map((p) => ({
        service: 'ssm',
        type: 'parameter',
        id: p.name,
        state: 'available',
        tags: { ...p.tags },
        details: { type: p.type, version: p.version },
      }));
  }

  reset(): void {
    this.parameters.clear();
    this.seed();
  }

  get now(): number {
    return this.world.clock.now();
  }
}
