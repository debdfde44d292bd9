/**
 * Secrets Manager adapter. The credentials secret is found by name; its value is read only by
 * the step that hands it to RDS, and never returned in outputs.
 */
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  RestoreSecretCommand,
  type DescribeSecretCommandOutput,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { isNotFound } from './errors';
import type { Tag } from './tags';

export type SecretDescription = DescribeSecretCommandOutput;

export class SecretsAdapter {
  constructor(readonly client: SecretsManagerClient) {}

  async findSecret(nameOrArn: string): Promise<SecretDescription | undefined> {
    try {
      return await this.client.send(new DescribeSecretCommand({ SecretId: nameOrArn }));
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  /** `clientRequestToken` makes a retried call with the same value a no-op rather than a second version. */
  async createSecret(
    name: string,
    value: string,
    description: string,
    clientRequestToken: string,
    tags: Tag[],
  ): Promise<string> {
    const out = await this.client.send(
      new CreateSecretCommand({
        Name: name,
        Description: description,
        SecretString: value,
        ClientRequestToken: clientRequestToken,
        Tags: tags,
      }),
    );
    return out.ARN!;
  }

  /** Cancels a scheduled deletion (a destroyed env of the same name, re-created within the recovery window). */
  async restoreSecret(nameOrArn: string): Promise<void> {
    await this.client.send(new RestoreSecretCommand({ SecretId: nameOrArn }));
  }

  async getSecretString(nameOrArn: string): Promise<string> {
    const out = await this.client.send(new GetSecretValueCommand({ SecretId: nameOrArn }));
    if (out.SecretString === undefined) throw new Error(`secret ${nameOrArn} has no string value`);
    return out.SecretString;
  }
}
