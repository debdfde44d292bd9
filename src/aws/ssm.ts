/** SSM adapter: public parameters such as the current Amazon Linux 2023 AMI id. */
import { GetParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';

/** AWS's public parameter naming the latest AL2023 AMI for an architecture. */
export function al2023AmiParameter(arch: 'x86_64' | 'arm64'): string {
  return `/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-${arch}`;
}

export class SsmAdapter {
  constructor(readonly client: SSMClient) {}

  async getParameter(name: string): Promise<string> {
    const out = await this.client.send(new GetParameterCommand({ Name: name }));
    const value = out.Parameter?.Value;
    if (!value) throw new Error(`SSM parameter ${name} has no value`);
    return value;
  }
}
