/** EC2 `MaxResults` / `NextToken` pagination over an already filtered, stably ordered list. */
import { AwsError } from '../protocol/errors';

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

export function paginate<T>(
  items: T[],
  maxResults: number | undefined,
  nextToken: string | undefined,
  limits: { min: number; max: number } = { min: 5, max: 1000 },
): Page<T> {
  let start = 0;
  if (nextToken !== undefined && nextToken !== '') {
    const decoded = Number(
      Buffer.from(nextToken, 'base64url')
        .toString('utf8')
        .replace(/^offset:/, ''),
    );
    if (!Number.isInteger(decoded) || decoded < 0 || decoded > items.length) {
      throw new AwsError('InvalidPaginationToken', `Invalid pagination token: '${nextToken}'`);
    }
    start = decoded;
  }
  if (maxResults === undefined) return { items: items.slice(start) };
  if (maxResults < limits.min || maxResults > limits.max) {
    throw new AwsError(
      'InvalidParameterValue',
      `Value ( ${maxResults} ) for parameter maxResults is invalid. Parameter must be between ${limits.min} and ${limits.max}.`,
    );
  }
  const end = start + maxResults;
  return {
    items: items.slice(start, end),
    nextToken: end < items.length ? Buffer.from(`offset:${end}`).toString('base64url') : undefined,
  };
}
