/**
 * Which service a request is for, read from its SigV4 credential scope, as other AWS
 * emulators do: `Authorization: AWS4-HMAC-SHA256 Credential=AKID/20261127/ap-northeast-1/ec2/aws4_request, …`.
 * Signatures are not verified: the sandbox has no real credentials to check against.
 */
export interface CredentialScope {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
}

export function credentialScope(authorization: string | undefined): CredentialScope | undefined {
  if (!authorization) return undefined;
  const m = /Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request/.exec(authorization);
  if (!m) return undefined;
  return { accessKeyId: m[1], date: m[2], region: m[3], service: m[4] };
}
