/** Instance types the emulator knows, with their CPU architecture (RunInstances checks the AMI matches). */
const X86 = [
  't2.nano',
  't2.micro',
  't2.small',
  't2.medium',
  't2.large',
  't3.nano',
  't3.micro',
  't3.small',
  't3.medium',
  't3.large',
  't3.xlarge',
  't3a.nano',
  't3a.micro',
  't3a.small',
  't3a.medium',
  'm5.large',
  'm5.xlarge',
  'm6i.large',
  'm7i.large',
  'c5.large',
  'c6i.large',
  'r5.large',
];
const ARM = [
  't4g.nano',
  't4g.micro',
  't4g.small',
  't4g.medium',
  't4g.large',
  'm6g.large',
  'm7g.large',
  'c6g.large',
  'c7g.large',
  'r6g.large',
];

export function architectureOf(instanceType: string): 'x86_64' | 'arm64' | undefined {
  if (X86.includes(instanceType)) return 'x86_64';
  if (ARM.includes(instanceType)) return 'arm64';
  return undefined;
}

/** Every instance type the emulator knows, x86 first. */
export const KNOWN_INSTANCE_TYPES: readonly string[] = [...X86, ...ARM];
