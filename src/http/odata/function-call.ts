import { ValidationError } from '../../domain/errors.js';

/**
 * Graph's bound functions sit where an id would: …/assignmentRequests/filterByCurrentUser(on='target').
 * The router cannot tell them from ids (parentheses are its regex syntax), so a route for `/:id`
 * asks here whether its segment is such a call, and with which `on`.
 */
const filterByCurrentUser = /^filterByCurrentUser\(on='([A-Za-z]{1,40})'\)$/;

export function filterByCurrentUserOn<const Option extends string>(segment: string, options: readonly Option[]): Option | null {
  if (!segment.startsWith('filterByCurrentUser')) return null;
  const match = filterByCurrentUser.exec(segment);
  if (!match || !options.includes(match[1] as Option)) {
    throw new ValidationError(`Use filterByCurrentUser(on='…') with one of: ${options.map((option) => `'${option}'`).join(', ')}.`, 'on');
  }
  return match[1] as Option;
}
