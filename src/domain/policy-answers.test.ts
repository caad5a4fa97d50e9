import { describe, expect, it } from 'vitest';
import type { Question } from './assignment-policy.js';
import { ValidationError } from './errors.js';
import { validateAnswers, type AnswerInput } from './policy-answers.js';

const text = '#microsoft.graph.accessPackageTextInputQuestion' as const;
const choice = '#microsoft.graph.accessPackageMultipleChoiceQuestion' as const;
const common = { isAnswerEditable: false, localizations: [] };

const questions: Question[] = [
  { '@odata.type': text, id: 'badge', text: 'Badge number?', sequence: 1, isRequired: true, ...common, isSingleLineQuestion: true, regexPattern: '[A-Z]{2}\\d{4}' },
  { '@odata.type': text, id: 'why', text: 'Why do you need it?', sequence: 2, isRequired: false, ...common, isSingleLineQuestion: false, regexPattern: null },
  {
    '@odata.type': choice,
    id: 'country',
    text: 'Where do you work?',
    sequence: 3,
    isRequired: true,
    ...common,
    isMultipleSelectionAllowed: false,
    choices: [
      { actualValue: 'KE', text: 'Kenya', localizations: [] },
      { actualValue: 'US', text: 'United States', localizations: [{ languageCode: 'fr-CA', text: 'États-Unis' }] },
    ],
  },
  {
    '@odata.type': choice,
    id: 'tools',
    text: 'Which tools?',
    sequence: 4,
    isRequired: false,
    ...common,
    isMultipleSelectionAllowed: true,
    choices: ['a', 'b', 'c'].map((v) => ({ actualValue: v, text: v.toUpperCase(), localizations: [] })),
  },
];

const answer = (id: string, value: string, displayValue?: string): AnswerInput => ({ value, answeredQuestion: { id }, ...(displayValue !== undefined ? { displayValue } : {}) });
const required = [answer('badge', 'AB1234'), answer('country', 'KE')];

function problemsOf(answers: AnswerInput[]): { target?: string; message: string }[] {
  try {
    validateAnswers(questions, answers);
  } catch (error) {
    if (error instanceof ValidationError) return error.details;
    throw error;
  }
  return [];
}

describe('validateAnswers', () => {
  it('normalises answers in Graph’s shape, display values from the choices, each with its question as asked', () => {
    expect(validateAnswers(questions, [...required, answer('why', 'Line one\nline two', 'Short')])).toEqual([
      { '@odata.type': '#microsoft.graph.accessPackageAnswerString', value: 'AB1234', displayValue: 'AB1234', answeredQuestion: { '@odata.type': text, id: 'badge', text: 'Badge number?' } },
      { '@odata.type': '#microsoft.graph.accessPackageAnswerString', value: 'KE', displayValue: 'Kenya', answeredQuestion: { '@odata.type': choice, id: 'country', text: 'Where do you work?' } },
      { '@odata.type': '#microsoft.graph.accessPackageAnswerString', value: 'Line one\nline two', displayValue: 'Short', answeredQuestion: { '@odata.type': text, id: 'why', text: 'Why do you need it?' } },
    ]);
  });

  it('keeps a localized choice label, but never a label of another choice', () => {
    const [, localized] = validateAnswers(questions, [answer('badge', 'AB1234'), answer('country', 'US', 'États-Unis')]);
    expect(localized!.displayValue).toBe('États-Unis');
    const [, misleading] = validateAnswers(questions, [answer('badge', 'AB1234'), answer('country', 'US', 'Kenya')]);
    expect(misleading!.displayValue).toBe('United States');
  });

  it('takes several choices where several are allowed, and leaves out empty optional answers', () => {
    const answers = validateAnswers(questions, [...required, answer('tools', 'a'), answer('tools', 'c'), answer('why', '  ')]);
    expect(answers.map((a) => `${a.answeredQuestion.id}=${a.value}`)).toEqual(['badge=AB1234', 'country=KE', 'tools=a', 'tools=c']);
  });

  it('accepts the question type with or without the leading #', () => {
    expect(validateAnswers(questions, [{ ...answer('badge', 'AB1234'), answeredQuestion: { id: 'badge', '@odata.type': 'microsoft.graph.accessPackageTextInputQuestion' } }, answer('country', 'KE')])).toHaveLength(2);
  });

  const cases: [string, AnswerInput[], string, RegExp][] = [
    ['a required question left out', [answer('badge', 'AB1234')], 'answers', /'Where do you work\?' \(id country\) is required/],
    ['a required question answered blank', [answer('badge', ' '), answer('country', 'KE')], 'answers', /Badge number\?.*required/],
    ['an unknown question', [...required, answer('nope', 'x')], 'answers[2].answeredQuestion.id', /No question of this policy has the id 'nope'/],
    ['the wrong question type', [...required, { value: 'x', answeredQuestion: { id: 'why', '@odata.type': choice } }], 'answers[2].answeredQuestion', /is a accessPackageTextInputQuestion/],
    ['an answer too long', [...required, answer('why', 'x'.repeat(4001))], 'answers[2].value', /at most 4000/],
    ['a line break in a single-line answer', [answer('badge', 'AB1234\n'), answer('country', 'KE')], 'answers[0].value', /single line/],
    ['an answer matching only in part', [answer('badge', 'xAB1234'), answer('country', 'KE')], 'answers[0].value', /must match the pattern \[A-Z\]\{2\}\\d\{4\} as a whole/],
    ['an answer not matching', [answer('badge', 'ab1234'), answer('country', 'KE')], 'answers[0].value', /must match/],
    ['a value that is not a choice', [answer('badge', 'AB1234'), answer('country', 'Kenya')], 'answers[1].value', /not a choice.*the choices are KE, US/],
    ['two answers to a single choice', [...required, answer('country', 'US')], 'answers', /takes one answer; it has 2/],
    ['two answers to a text question', [...required, answer('why', 'a'), answer('why', 'b')], 'answers', /takes one answer/],
    ['the same choice twice', [...required, answer('tools', 'a'), answer('tools', 'a')], 'answers[3].value', /given twice/],
    ['a display value too long', [...required, answer('why', 'x', 'y'.repeat(4001))], 'answers[2].displayValue', /at most 4000/],
  ];
  it.each(cases)('refuses %s', (_name, answers, target, message) => {
    const problems = problemsOf(answers);
    expect(problems.map((p) => p.target)).toContain(target);
    expect(problems.find((p) => p.target === target)!.message).toMatch(message);
  });

  it('reports every problem at once', () => {
    expect(problemsOf([answer('badge', 'no'), answer('nope', 'x')]).map((p) => p.target)).toEqual(['answers[0].value', 'answers[1].answeredQuestion.id', 'answers']);
  });

  it('answers a pathological pattern in linear time', () => {
    const nested: Question = { ...questions[0]!, id: 'evil', regexPattern: '(a+)+$' } as Question;
    const started = Date.now();
    expect(() => validateAnswers([nested], [answer('evil', `${'a'.repeat(3900)}!`)])).toThrow(/must match/);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
