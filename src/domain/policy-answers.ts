import type { Answer, Question } from './assignment-policy.js';
import { compileAnswerPattern } from './policy-questions.js';
import { ValidationProblems } from './validation-problems.js';

/**
 * A requester's answers to a policy's questions (Graph: accessPackageAnswerString), checked
 * against the questions and normalised. Graph has one `value` per answer, so a multiple choice
 * question that allows several selections is answered with several answers, one per choice.
 */
export type AnswerInput = {
  value?: string | null;
  displayValue?: string | null;
  answeredQuestion: { id: string; '@odata.type'?: string | null };
};

export const maxAnswerLength = 4000;

type TypedQuestion<T extends Question['@odata.type']> = Extract<Question, { '@odata.type': T }>;

export function validateAnswers(questions: readonly Question[], answers: readonly AnswerInput[]): Answer[] {
  const problems = new ValidationProblems();
  const byId = new Map(questions.map((question) => [question.id, question]));
  const answered = new Map<string, string[]>();
  const normalized: Answer[] = [];
  answers.forEach((answer, index) => {
    const at = `answers[${index}]`;
    const question = byId.get(answer.answeredQuestion.id);
    if (!question) {
      problems.add(`${at}.answeredQuestion.id`, `No question of this policy has the id '${answer.answeredQuestion.id.slice(0, 80)}'.`);
      return;
    }
    const givenType = answer.answeredQuestion['@odata.type'];
    if (givenType && givenType.replace(/^#?/, '#') !== question['@odata.type']) {
      problems.add(`${at}.answeredQuestion`, `The question '${question.id}' is a ${question['@odata.type'].replace('#microsoft.graph.', '')}, not a ${givenType.replace(/^#?microsoft\.graph\./, '')}.`);
      return;
    }
    const value = answer.value ?? '';
    // An empty answer is no answer: an optional question may be left so, a required one may not.
    if (value.trim() === '') return;
    const values = answered.get(question.id) ?? [];
    answered.set(question.id, [...values, value]);
    if ((answer.displayValue ?? '').length > maxAnswerLength) problems.add(`${at}.displayValue`, `displayValue may be at most ${maxAnswerLength} characters.`);
    const displayValue =
      question['@odata.type'] === '#microsoft.graph.accessPackageTextInputQuestion'
        ? checkedText(question, value, answer.displayValue, at, problems)
        : checkedChoice(question, value, answer.displayValue, values, at, problems);
    normalized.push({ '@odata.type': '#microsoft.graph.accessPackageAnswerString', value, displayValue, answeredQuestion: { '@odata.type': question['@odata.type'], id: question.id, text: question.text } });
  });
  for (const question of questions) {
    const count = answered.get(question.id)?.length ?? 0;
    if (question.isRequired && count === 0) problems.add('answers', `The question '${label(question)}' (id ${question.id}) is required and has no answer.`);
    const several = question['@odata.type'] === '#microsoft.graph.accessPackageMultipleChoiceQuestion' && question.isMultipleSelectionAllowed;
    if (count > 1 && !several) problems.add('answers', `The question '${label(question)}' (id ${question.id}) takes one answer; it has ${count}.`);
  }
  problems.throwIfAny();
  return normalized;
}

function checkedText(question: TypedQuestion<'#microsoft.graph.accessPackageTextInputQuestion'>, value: string, displayValue: string | null | undefined, at: string, problems: ValidationProblems): string {
  if (value.length > maxAnswerLength) {
    problems.add(`${at}.value`, `The answer to '${label(question)}' may be at most ${maxAnswerLength} characters; it has ${value.length}.`);
    return value.slice(0, 80);
  }
  if (question.isSingleLineQuestion && /[\r\n]/.test(value)) problems.add(`${at}.value`, `The question '${label(question)}' takes a single line; the answer contains a line break.`);
  if (question.regexPattern !== null) {
    const compiled = compileAnswerPattern(question.regexPattern);
    // A pattern that no longer compiles (it did when stored) refuses rather than waves answers through.
    if ('error' in compiled || !compiled.regex.matches(value)) {
      problems.add(`${at}.value`, `The answer to '${label(question)}' must match the pattern ${question.regexPattern} as a whole.`);
    }
  }
  return displayValue?.trim() ? displayValue : value;
}

/**
 * The displayed value of a choice is its text (or one of its localizations): approvers read the
 * display value, so a requester cannot label a choice differently from the value they chose.
 */
function checkedChoice(
  question: TypedQuestion<'#microsoft.graph.accessPackageMultipleChoiceQuestion'>,
  value: string,
  displayValue: string | null | undefined,
  earlier: readonly string[],
  at: string,
  problems: ValidationProblems,
): string {
  const choice = question.choices.find((candidate) => candidate.actualValue === value);
  if (!choice) {
    const allowed = question.choices.map((candidate) => candidate.actualValue).join(', ');
    problems.add(`${at}.value`, `'${value.slice(0, 80)}' is not a choice of the question '${label(question)}'; the choices are ${allowed}.`);
    return value.slice(0, 80);
  }
  if (earlier.includes(value)) problems.add(`${at}.value`, `The choice '${value}' of the question '${label(question)}' is given twice.`);
  const texts = [choice.text, ...choice.localizations.map((localized) => localized.text)];
  return displayValue && texts.includes(displayValue) ? displayValue : choice.text;
}

function label(question: Question): string {
  return question.text.length > 80 ? `${question.text.slice(0, 77)}...` : question.text;
}
