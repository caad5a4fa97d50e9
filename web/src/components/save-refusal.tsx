import { Alert } from '@mantine/core';
import { ApiError } from '../api/client';

/**
 * What a form shows when the server refused to save it: each problem beside the field the server
 * named (Graph's error details; `fieldOf` maps a path to the form's own field name), and one line
 * above the form saying how many there are — or the server's message when it named no field.
 */
export function saveRefusal(error: unknown, what: string, fieldOf: (target: string) => string = (target) => target): { errors: Record<string, string>; failure: string } {
  if (!(error instanceof ApiError)) return { errors: {}, failure: `The ${what} was not saved. Try again.` };
  const details = error.details.filter((detail) => detail.target);
  const errors = Object.fromEntries(details.map((detail) => [fieldOf(detail.target!), detail.message]));
  const count = Object.keys(errors).length;
  return { errors, failure: count ? `The ${what} was not saved: ${count === 1 ? 'one problem is' : `${count} problems are`} marked below.` : error.message };
}

/** The line above a form that was not saved. */
export function NotSavedAlert({ failure }: { failure: string | null }) {
  return failure ? (
    <Alert color="red" title="Not saved" role="alert">
      {failure}
    </Alert>
  ) : null;
}
