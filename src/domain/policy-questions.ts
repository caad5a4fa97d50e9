import { RE2JS } from 're2js';
import type { AnswerChoice, LocalizedText, Question } from './assignment-policy.js';
import type { ValidationProblems } from './validation-problems.js';

/**
 * The questions a policy asks requesters (Graph: accessPackageQuestion and its two subtypes).
 * Answer patterns are compiled with RE2 (re2js), whose matching time is linear in the answer, so
 * a pattern written by a policy author can never make a requester's answer hang the server; a
 * pattern RE2 cannot compile (backreferences, lookaround) is refused with RE2's own message.
 */
export type LocalizedTextInput = { languageCode: string; text: string };
export type AnswerChoiceInput = { actualValue: string; text: string; localizations?: LocalizedTextInput[] | null };
type QuestionBaseInput = {
  id?: string | null;
  text: string;
  sequence?: number | null;
  isRequired?: boolean | null;
  isAnswerEditable?: boolean | null;
  localizations?: LocalizedTextInput[] | null;
};
export type QuestionInput =
  | (QuestionBaseInput & { '@odata.type': '#microsoft.graph.accessPackageTextInputQuestion'; isSingleLineQuestion?: boolean | null; regexPattern?: string | null })
  | (QuestionBaseInput & { '@odata.type': '#microsoft.graph.accessPackageMultipleChoiceQuestion'; isMultipleSelectionAllowed?: boolean | null; choices?: AnswerChoiceInput[] | null });

export const questionLimits = {
  questions: 20,
  textLength: 1000,
  regexPatternLength: 500,
  choices: 50,
  actualValueLength: 256,
  localizations: 25,
  idLength: 64,
} as const;

const questionIdPattern = /^[\w.-]{1,64}$/;
// BCP 47 as Graph uses it (en-us, fr-CA, zh-Hant-TW).
const languageCodePattern = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/;

/** Compiles an answer pattern with RE2, or says why RE2 refuses it. */
export function compileAnswerPattern(pattern: string): { regex: RE2JS } | { error: string } {
  try {
    return { regex: RE2JS.compile(pattern) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Checks and normalises a policy's questions: ids are kept when given (answers of requests made
 * earlier point at them) and assigned when missing; a missing sequence is the question's position.
 */
export function validateQuestions(inputs: readonly QuestionInput[], newId: () => string, problems: ValidationProblems, path = 'questions'): Question[] {
  if (inputs.length > questionLimits.questions) {
    problems.add(path, `A policy may ask at most ${questionLimits.questions} questions; ${path} has ${inputs.length}.`);
    return [];
  }
  const seenIds = new Set<string>();
  return inputs.map((input, index) => {
    const at = `${path}[${index}]`;
    const id = input.id?.trim() || newId();
    if (!questionIdPattern.test(id)) problems.add(`${at}.id`, `A question id is 1–${questionLimits.idLength} letters, digits, '-', '_' or '.'; '${id.slice(0, 80)}' is not.`);
    if (seenIds.has(id)) problems.add(`${at}.id`, `The question id '${id}' is used twice; question ids must be unique within a policy.`);
    seenIds.add(id);
    const base = {
      id,
      text: checkedText(input.text, `${at}.text`, problems),
      sequence: input.sequence ?? index + 1,
      isRequired: input.isRequired ?? false,
      isAnswerEditable: input.isAnswerEditable ?? false,
      localizations: checkedLocalizations(input.localizations ?? [], `${at}.localizations`, problems),
    };
    if (input['@odata.type'] === '#microsoft.graph.accessPackageTextInputQuestion') {
      const regexPattern = input.regexPattern ? input.regexPattern : null;
      if (regexPattern !== null) checkPattern(regexPattern, `${at}.regexPattern`, problems);
      // A single line is what Entra's form offers first; a multi-line answer must be asked for.
      return { '@odata.type': input['@odata.type'], ...base, isSingleLineQuestion: input.isSingleLineQuestion ?? true, regexPattern };
    }
    return {
      '@odata.type': input['@odata.type'],
      ...base,
      isMultipleSelectionAllowed: input.isMultipleSelectionAllowed ?? false,
      choices: checkedChoices(input.choices ?? [], `${at}.choices`, problems),
    };
  });
}

function checkPattern(pattern: string, target: string, problems: ValidationProblems): void {
  if (pattern.length > questionLimits.regexPatternLength) {
    problems.add(target, `regexPattern may be at most ${questionLimits.regexPatternLength} characters; it has ${pattern.length}.`);
    return;
  }
  const compiled = compileAnswerPattern(pattern);
  if ('error' in compiled) problems.add(target, `regexPattern is not a regular expression Tessera can run (RE2 syntax, no backreferences or lookaround): ${compiled.error}`);
}

function checkedText(text: string, target: string, problems: ValidationProblems): string {
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > questionLimits.textLength) problems.add(target, `text must be 1–${questionLimits.textLength} characters; it has ${trimmed.length}.`);
  return trimmed;
}

function checkedLocalizations(inputs: readonly LocalizedTextInput[], path: string, problems: ValidationProblems): LocalizedText[] {
  if (inputs.length > questionLimits.localizations) problems.add(path, `At most ${questionLimits.localizations} localizations are allowed; ${path} has ${inputs.length}.`);
  const seen = new Set<string>();
  return inputs.map((input, index) => {
    const languageCode = input.languageCode.trim();
    if (!languageCodePattern.test(languageCode)) problems.add(`${path}[${index}].languageCode`, `'${languageCode.slice(0, 40)}' is not a language code such as en-us or fr-CA.`);
    if (seen.has(languageCode.toLowerCase())) problems.add(`${path}[${index}].languageCode`, `The language '${languageCode}' is localized twice.`);
    seen.add(languageCode.toLowerCase());
    return { languageCode, text: checkedText(input.text, `${path}[${index}].text`, problems) };
  });
}

function checkedChoices(inputs: readonly AnswerChoiceInput[], path: string, problems: ValidationProblems): AnswerChoice[] {
  if (inputs.length === 0 || inputs.length > questionLimits.choices) {
    problems.add(path, `A multiple choice question needs 1–${questionLimits.choices} choices; it has ${inputs.length}.`);
  }
  const seen = new Set<string>();
  return inputs.map((input, index) => {
    const at = `${path}[${index}]`;
    const actualValue = input.actualValue.trim();
    if (actualValue.length === 0 || actualValue.length > questionLimits.actualValueLength) {
      problems.add(`${at}.actualValue`, `actualValue must be 1–${questionLimits.actualValueLength} characters; it has ${actualValue.length}.`);
    }
    if (seen.has(actualValue)) problems.add(`${at}.actualValue`, `The choice value '${actualValue}' is offered twice; each choice needs its own actualValue.`);
    seen.add(actualValue);
    return { actualValue, text: checkedText(input.text, `${at}.text`, problems), localizations: checkedLocalizations(input.localizations ?? [], `${at}.localizations`, problems) };
  });
}
