import { ValidationError, type ErrorDetail } from './errors.js';

/**
 * Collects every problem of one input before refusing it, so that whoever writes a policy (or
 * answers its questions) fixes all of them in one round instead of discovering them one by one.
 * Each problem names its property path (`requestApprovalSettings.stages[0].primaryApprovers`).
 */
export class ValidationProblems {
  private readonly details: ErrorDetail[] = [];

  add(target: string, message: string): void {
    this.details.push({ code: 'invalidValue', message, target });
  }

  /** Each problem so far (to fold one check's problems into another's). */
  list(): readonly ErrorDetail[] {
    return this.details;
  }

  get size(): number {
    return this.details.length;
  }

  /** Throws one ValidationError carrying every problem, the first as its message and target. */
  throwIfAny(): void {
    const [first] = this.details;
    if (!first) return;
    const more = this.details.length - 1;
    const message = more === 0 ? first.message : `${first.message} (and ${more} more problem${more === 1 ? '' : 's'}; see details)`;
    throw new ValidationError(message, first.target, [...this.details]);
  }
}
