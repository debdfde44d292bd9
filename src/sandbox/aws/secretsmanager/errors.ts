/** Secrets Manager's error codes (API reference, "Errors" of each action). */
import { AwsError } from '../protocol/errors';

export const resourceNotFound = () =>
  new AwsError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
export const resourceExists = (name: string) =>
  new AwsError('ResourceExistsException', `The operation failed because the secret ${name} already exists.`);
export const invalidRequest = (message: string) => new AwsError('InvalidRequestException', message);
export const invalidParameter = (message: string) => new AwsError('InvalidParameterException', message);
export const markedForDeletion = () =>
  invalidRequest("You can't perform this operation on the secret because it was marked for deletion.");
