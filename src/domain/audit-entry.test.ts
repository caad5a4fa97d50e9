import { describe, expect, it } from 'vitest';
import { modifiedProperties } from './audit-entry.js';

const names = ['displayName', 'department', 'accountEnabled', 'otherMails', 'onPremisesExtensionAttributes', 'employeeId'];
const ext = (extensionAttribute1: string | null, extensionAttribute2: string | null = null) => ({ extensionAttribute1, extensionAttribute2 });

describe('modifiedProperties of a new object', () => {
  it.each([
    { case: 'a text value', after: { displayName: 'Ada' }, expected: [['displayName', '"Ada"']] },
    { case: 'null', after: { department: null }, expected: [] },
    { case: 'undefined', after: { department: undefined }, expected: [] },
    { case: 'an empty list', after: { otherMails: [] }, expected: [] },
    { case: 'a list', after: { otherMails: ['a@example.com'] }, expected: [['otherMails', '["a@example.com"]']] },
    { case: 'false, which is a value', after: { accountEnabled: false }, expected: [['accountEnabled', 'false']] },
    { case: 'an empty text, which is a value', after: { employeeId: '' }, expected: [['employeeId', '""']] },
    { case: 'an object of nulls', after: { onPremisesExtensionAttributes: ext(null) }, expected: [] },
    { case: 'an object with one value', after: { onPremisesExtensionAttributes: ext('cc-7') }, expected: [['onPremisesExtensionAttributes', '{"extensionAttribute1":"cc-7"}']] },
    {
      case: 'several properties, in the order of the names',
      after: { otherMails: [], department: 'IT', displayName: 'Ada', onPremisesExtensionAttributes: ext(null, 'x') },
      expected: [['displayName', '"Ada"'], ['department', '"IT"'], ['onPremisesExtensionAttributes', '{"extensionAttribute2":"x"}']],
    },
  ])('$case', ({ after, expected }) => {
    expect(modifiedProperties(null, after, names)).toEqual(expected.map(([displayName, newValue]) => ({ displayName, oldValue: null, newValue })));
  });
});

describe('modifiedProperties of a change', () => {
  const before = { displayName: 'Ada', department: 'IT', otherMails: ['a@example.com'], onPremisesExtensionAttributes: ext('cc-7') };
  it.each([
    { case: 'nothing changed', after: { ...before }, expected: [] },
    { case: 'a value set to null is listed', after: { ...before, department: null }, expected: [{ displayName: 'department', oldValue: '"IT"', newValue: 'null' }] },
    { case: 'a list emptied is listed', after: { ...before, otherMails: [] }, expected: [{ displayName: 'otherMails', oldValue: '["a@example.com"]', newValue: '[]' }] },
    {
      case: 'an object keeps its nulls, so both sides compare whole',
      after: { ...before, onPremisesExtensionAttributes: ext(null) },
      expected: [{ displayName: 'onPremisesExtensionAttributes', oldValue: '{"extensionAttribute1":"cc-7","extensionAttribute2":null}', newValue: '{"extensionAttribute1":null,"extensionAttribute2":null}' }],
    },
  ])('$case', ({ after, expected }) => {
    expect(modifiedProperties(before, after, names)).toEqual(expected);
  });

  it('lists every property of a removed object as its old value', () => {
    expect(modifiedProperties({ displayName: 'Ada', department: null }, null, ['displayName', 'department'])).toEqual([
      { displayName: 'displayName', oldValue: '"Ada"', newValue: null },
      { displayName: 'department', oldValue: 'null', newValue: null },
    ]);
  });
});
