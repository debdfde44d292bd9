/** SSM's error codes (Systems Manager API reference). */
import { AwsError } from '../protocol/errors';

export const parameterNotFound = (name: string) =>
  new AwsError('ParameterNotFound', `Parameter ${name} not found.`);
export const parameterAlreadyExists = () =>
  new AwsError(
    'ParameterAlreadyExists',
    'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.',
  );
export const invalidResourceId = (id: string) =>
  new AwsError('InvalidResourceId', `Resource ${id} not found.`);
export const validation = (message: string) => new AwsError('ValidationException', message);
