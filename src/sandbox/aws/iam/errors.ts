/** IAM's error codes (API reference, "Errors" of each action). All are the caller's fault (4xx). */
import { AwsError } from '../protocol/errors';

export const iamErrors = {
  noSuchEntity: (what: string) => new AwsError('NoSuchEntity', `The ${what} cannot be found.`, 404),
  entityAlreadyExists: (what: string) => new AwsError('EntityAlreadyExists', `${what} already exists.`, 409),
  deleteConflict: (message: string) => new AwsError('DeleteConflict', message, 409),
  limitExceeded: (message: string) => new AwsError('LimitExceeded', message, 409),
  malformedPolicy: (message: string) => new AwsError('MalformedPolicyDocument', message, 400),
  validation: (message: string) => new AwsError('ValidationError', message, 400),
  invalidInput: (message: string) => new AwsError('InvalidInput', message, 400),
  /** A permissions boundary that names no managed policy of the account (or of AWS). */
  notAttachable: (arn: string) =>
    new AwsError('NoSuchEntity', `Scope ARN: ${arn} does not exist or is not attachable.`, 404),
  /** A service-linked role: only its service may change it. */
  unmodifiable: (roleName: string) =>
    new AwsError(
      'UnmodifiableEntity',
      `Cannot perform the operation on the protected role '${roleName}' - this role is only modifiable by AWS`,
      400,
    ),
};
