/** Longest query option text we are willing to parse; bounds parser work per request. */
export const MAX_OPTION_LENGTH = 4096;

const MAX_QUOTED_LENGTH = 40;

/**
 * Raised for any malformed or unsupported OData query option. Carries the option
 * name and offset separately so the HTTP layer can build a Graph-style error body
 * without re-parsing the message.
 */
export class ODataSyntaxError extends Error {
  override readonly name = 'ODataSyntaxError';
  readonly option: string;
  readonly position: number | undefined;
  /** The message without the "Syntax error at position N in $x:" prefix. */
  readonly detail: string;

  constructor(option: string, detail: string, position?: number) {
    super(
      position === undefined
        ? `Syntax error in ${option}: ${detail}`
        : `Syntax error at position ${position} in ${option}: ${detail}`,
    );
    this.option = option;
    this.position = position;
    this.detail = detail;
  }
}

/** Shortens user text for a message so a huge token cannot bloat error bodies. */
export function truncate(text: string): string {
  return text.length > MAX_QUOTED_LENGTH ? `${text.slice(0, MAX_QUOTED_LENGTH - 3)}...` : text;
}

export function quote(text: string): string {
  return `'${truncate(text)}'`;
}

/** Shared guards every option parser applies before doing any real work. */
export function assertOptionText(option: string, text: string): void {
  if (text.length > MAX_OPTION_LENGTH) {
    throw new ODataSyntaxError(
      option,
      `${option} is ${text.length} characters long; the maximum is ${MAX_OPTION_LENGTH}`,
    );
  }
  if (text.trim() === '') {
    throw new ODataSyntaxError(option, `${option} is empty`);
  }
}
