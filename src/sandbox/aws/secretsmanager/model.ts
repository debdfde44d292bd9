/**
 * Secrets Manager state: secrets by name with their current version, tags and a scheduled
 * deletion date that is applied lazily on the virtual clock.
 */
import type { ResourceLister, SandboxResource, World } from '../world';

export interface Secret {
  name: string;
  arn: string;
  description?: string;
  kmsKeyId?: string;
  secretString?: string;
  /** Base64 of SecretBinary. */
  secretBinary?: string;
  versionId: string;
  createdAt: number;
  lastChangedAt: number;
  tags: Record<string, string>;
  /** When set, the secret is pending deletion until this virtual time, then gone. */
  deletionDate?: number;
}

export class SecretsManagerModel implements ResourceLister {
  readonly secrets = new Map<string, Secret>();

  constructor(readonly world: World) {}

  get now(): number {
    return this.world.clock.now();
  }

  /** Removes secrets whose scheduled deletion time has passed. */
  settle(): void {
    for (const s of [...this.secrets.values()]) {
      if (s.deletionDate !== undefined && s.deletionDate <= this.now) this.secrets.delete(s.name);
    }
  }

  /** By name or by ARN (full, or without the 6-character suffix). */
  find(secretId: string): Secret | undefined {
    this.settle();
    const byName = this.secrets.get(secretId);
    if (byName) return byName;
    return [...this.secrets.values()].find((s) => s.arn === secretId || s.arn.slice(0, -7) === secretId);
  }

  newArn(name: string): string {
    const suffix = this.world.ids.hex(6).replace(/[0-9]/g, (d) => 'ABCDEFGHIJ'[Number(d)]);
    return `arn:aws:secretsmanager:${this.world.region}:${this.world.accountId}:secret:${name}-${suffix}`;
  }

  /** A secret created by another service (RDS ManageMasterUserPassword: `rds!db-…`); returns its ARN. */
  createManagedSecret(name: string, secretString: string, tags: Record<string, string>): string {
    this.settle();
    const existing = this.secrets.get(name);
    if (existing) return existing.arn;
    const now = this.now;
    const secret: Secret = {
      name,
      arn: this.newArn(name),
      description: 'Secret managed by another AWS service',
      secretString,
      versionId: this.world.ids.hex(32).replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5'),
      createdAt: now,
      lastChangedAt: now,
      tags: { ...tags },
    };
    this.secrets.set(name, secret);
    return secret.arn;
  }

  /** Removes a managed secret at once (its owning resource was deleted). */
  deleteManagedSecret(arn: string): void {
    for (const s of this.secrets.values()) if (s.arn === arn) this.secrets.delete(s.name);
  }

  listResources(): SandboxResource[] {
    this.settle();
    return [...this.secrets.values()].map((s) => ({
      service: 'secretsmanager',
      type: 'secret',
      id: s.arn,
      state: s.deletionDate !== undefined ? 'pending-deletion' : 'available',
      tags: { ...s.tags },
      details: { name: s.name },
    }));
  }

  reset(): void {
    this.secrets.clear();
  }
}
