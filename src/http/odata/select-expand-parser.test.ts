import { describe, expect, it } from 'vitest';
import { ODataSyntaxError } from './odata-syntax-error.js';
import { type ExpandItem, parseExpand, parseSelect } from './select-expand-parser.js';

describe('parseSelect: valid input', () => {
  it.each<[string, string[]]>([
    ['id', ['id']],
    ['id,displayName', ['id', 'displayName']],
    ['  id ,\tdisplayName  ,mail ', ['id', 'displayName', 'mail']],
    ['id,Id', ['id', 'Id']],
    ['_x1,onPremisesExtensionAttributes', ['_x1', 'onPremisesExtensionAttributes']],
  ])('%j', (input, expected) => {
    expect(parseSelect(input)).toStrictEqual(expected);
  });
});

describe('parseSelect: invalid input', () => {
  it.each<[string, number | undefined, string]>([
    ['', undefined, '$select is empty'],
    ['  ', undefined, '$select is empty'],
    ['*', 0, "'*' is not supported in $select; list the properties explicitly"],
    ['id,*', 3, "'*' is not supported in $select"],
    [',id', 0, "expected a property name in $select but found ','"],
    ['id,', 3, 'expected a property name in $select but found end of input'],
    ['id,,mail', 3, "expected a property name in $select but found ','"],
    ['id, ,mail', 4, "found ','"],
    ['id,id', 3, "property 'id' appears more than once in $select"],
    ['id, mail ,id', 10, "property 'id' appears more than once"],
    ['id mail', 3, "expected ',' or end of input but found 'mail'"],
    ['id;mail', 2, "expected ',' or end of input but found ';'"],
    ['manager(id)', 7, "expected ',' or end of input but found '('"],
    ['1id', 0, "invalid property name '1id' in $select"],
    ['catalog/id', 0, "invalid property name 'catalog/id' in $select"],
    ['display-name', 0, "invalid property name 'display-name'"],
    ['microsoft.graph.user', 0, "invalid property name 'microsoft.graph.user'"],
  ])('%j', (input, position, fragment) => {
    const error = captureError(() => parseSelect(input));
    expect(error.option).toBe('$select');
    expect(error.position).toBe(position);
    expect(error.message).toContain(fragment);
  });
});

describe('parseExpand: valid input', () => {
  it.each<[string, ExpandItem[]]>([
    ['manager', [{ property: 'manager' }]],
    ['manager,memberOf', [{ property: 'manager' }, { property: 'memberOf' }]],
    [' manager , memberOf ', [{ property: 'manager' }, { property: 'memberOf' }]],
    ['manager($select=id,displayName)', [{ property: 'manager', select: ['id', 'displayName'] }]],
    ['manager( $select = id , displayName )', [{ property: 'manager', select: ['id', 'displayName'] }]],
    ['manager($SELECT=id)', [{ property: 'manager', select: ['id'] }]],
    [
      'resourceRoleScopes($expand=role,scope)',
      [{ property: 'resourceRoleScopes', expand: [{ property: 'role' }, { property: 'scope' }] }],
    ],
    [
      'resourceRoleScopes($expand=role($expand=resource),scope)',
      [
        {
          property: 'resourceRoleScopes',
          expand: [{ property: 'role', expand: [{ property: 'resource' }] }, { property: 'scope' }],
        },
      ],
    ],
    ['members($select=id;$expand=x)', [{ property: 'members', select: ['id'], expand: [{ property: 'x' }] }]],
    ['members( $expand = x ; $select = id )', [{ property: 'members', select: ['id'], expand: [{ property: 'x' }] }]],
    [
      'a($expand=b($expand=c($select=id)))',
      [{ property: 'a', expand: [{ property: 'b', expand: [{ property: 'c', select: ['id'] }] }] }],
    ],
    [
      'accessPackage($select=id,displayName;$expand=catalog($select=id)),target',
      [
        {
          property: 'accessPackage',
          select: ['id', 'displayName'],
          expand: [{ property: 'catalog', select: ['id'] }],
        },
        { property: 'target' },
      ],
    ],
    // The same name may recur at different levels.
    ['a($expand=a($expand=a))', [{ property: 'a', expand: [{ property: 'a', expand: [{ property: 'a' }] }] }]],
  ])('%j', (input, expected) => {
    expect(parseExpand(input)).toStrictEqual(expected);
  });
});

describe('parseExpand: invalid input', () => {
  it.each<[string, number | undefined, string]>([
    ['', undefined, '$expand is empty'],
    ['*', 0, "'*' is not supported in $expand"],
    ['manager,', 8, 'expected a property name in $expand but found end of input'],
    [',manager', 0, "found ','"],
    ['manager,manager', 8, "property 'manager' appears more than once in $expand"],
    ['a($expand=b,b)', 12, "property 'b' appears more than once in $expand"],
    ['manager/$ref', 0, "invalid property name 'manager/$ref' in $expand"],
    ['manager(', 8, "expected $select or $expand inside the parentheses of 'manager' but found end of input"],
    ['manager()', 8, "but found ')'"],
    ['manager($select=id', 18, "expected ')' to close the options of 'manager' but found end of input"],
    ['manager($select=id))', 19, "expected ',' or end of input but found ')'"],
    ['manager($select=id;)', 19, "expected $select or $expand inside the parentheses of 'manager' but found ')'"],
    ['manager($select)', 15, "expected '=' after '$select' but found ')'"],
    ['manager($select=)', 16, "expected a property name in $select but found ')'"],
    ['manager($select=*)', 16, "'*' is not supported in $select"],
    ['manager($select=id,id)', 19, "property 'id' appears more than once in $select"],
    ['manager($filter=id eq 1)', 8, "option '$filter' is not supported inside $expand; only $select and $expand are allowed"],
    ['manager($top=5)', 8, "option '$top' is not supported inside $expand"],
    ['manager($levels=max)', 8, "option '$levels' is not supported inside $expand"],
    ['manager(select=id)', 8, "option 'select' is not supported inside $expand"],
    ['manager($select=id;$select=mail)', 19, "option '$select' appears more than once for 'manager'"],
    ['manager($select=id $expand=x)', 19, "expected ')' to close the options of 'manager' but found '$expand'"],
    ['a($expand=b($expand=c($expand=d)))', 30, "$expand is nested more than 3 levels deep at 'd'"],
    ['a b', 2, "expected ',' or end of input but found 'b'"],
  ])('%j', (input, position, fragment) => {
    const error = captureError(() => parseExpand(input));
    expect(error.option).toBe('$expand');
    expect(error.position).toBe(position);
    expect(error.message).toContain(fragment);
  });

  it('rejects input over 4096 characters', () => {
    const error = captureError(() => parseExpand(`a${',b'.repeat(2048)}`));
    expect(error.message).toBe('Syntax error in $expand: $expand is 4097 characters long; the maximum is 4096');
  });
});

describe('determinism', () => {
  it('parsing the same $select twice gives deep-equal, independent results', () => {
    const first = parseSelect('id, displayName, mail');
    const second = parseSelect('id, displayName, mail');
    expect(second).toStrictEqual(first);
    expect(second).not.toBe(first);
  });

  it('parsing the same $expand twice gives deep-equal, independent results', () => {
    const input = 'resourceRoleScopes($select=id;$expand=role($expand=resource),scope),manager';
    const first = parseExpand(input);
    const second = parseExpand(input);
    expect(second).toStrictEqual(first);
    expect(second).not.toBe(first);
  });
});

function captureError(run: () => unknown): ODataSyntaxError {
  try {
    run();
  } catch (error) {
    if (error instanceof ODataSyntaxError) return error;
    throw error;
  }
  throw new Error('expected the input to be rejected');
}
