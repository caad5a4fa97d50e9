import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors.js';
import type { Group } from './group.js';
import { applyGroupChanges, buildGroup, createsNestingLoop, defaultMailNickname, type GroupChanges, type NewGroupFields } from './group-changes.js';

const now = new Date('2026-11-26T09:00:00.000Z');
const id = '0a1b2c3d-0000-4000-8000-000000000001';
const rule = 'user.department -eq "IT"';

describe('defaultMailNickname', () => {
  it.each([
    ['Sales Team', 'SalesTeam'],
    ['R&D (Oslo)', 'RDOslo'],
    ['ops.on-call_2', 'ops.on-call_2'],
    ['Ærlig æøå', 'rlig'],
    ['日本チーム', 'group-0a1b2c3d'],
    ['x'.repeat(100), 'x'.repeat(64)],
  ])('%s → %s', (displayName, expected) => {
    expect(defaultMailNickname(displayName, id)).toBe(expected);
  });
});

describe('buildGroup', () => {
  it.each<[string, NewGroupFields, Partial<Group>]>([
    ['an assigned security group', { displayName: 'Sales' }, { securityEnabled: true, mailEnabled: false, groupTypes: [], membershipRuleProcessingState: null, visibility: null, mailNickname: 'Sales' }],
    ['a dynamic group starts processing its rule', { displayName: 'IT', groupTypes: ['DynamicMembership'], membershipRule: rule }, { membershipRule: rule, membershipRuleProcessingState: 'On' }],
    ['a paused dynamic group', { displayName: 'IT', groupTypes: ['DynamicMembership'], membershipRule: rule, membershipRuleProcessingState: 'Paused' }, { membershipRuleProcessingState: 'Paused' }],
    ['a Microsoft 365 group is public by default', { displayName: 'Team', groupTypes: ['Unified'], mailEnabled: true }, { visibility: 'Public', mailEnabled: true }],
    ['a given nickname is kept', { displayName: 'Team', mailNickname: 'the-team' }, { mailNickname: 'the-team' }],
  ])('%s', (_name, fields, expected) => {
    expect(buildGroup(fields, id, now)).toMatchObject({ id, createdDateTime: now.toISOString(), deletedDateTime: null, ...expected });
  });

  it.each<[string, NewGroupFields, string]>([
    ['dynamic without a rule', { displayName: 'X', groupTypes: ['DynamicMembership'] }, 'membershipRule'],
    ['a rule without dynamic', { displayName: 'X', membershipRule: rule }, 'membershipRule'],
    ['a processing state without dynamic', { displayName: 'X', membershipRuleProcessingState: 'On' }, 'membershipRuleProcessingState'],
  ])('refuses %s, naming the field', (_name, fields, target) => {
    expect(() => buildGroup(fields, id, now)).toThrow(ValidationError);
    try {
      buildGroup(fields, id, now);
    } catch (error) {
      expect((error as ValidationError).target).toBe(target);
    }
  });
});

describe('applyGroupChanges', () => {
  const assigned = buildGroup({ displayName: 'Sales', description: 'people who sell' }, id, now);
  const dynamic = buildGroup({ displayName: 'IT', groupTypes: ['DynamicMembership'], membershipRule: rule }, id, now);

  it.each<[string, Group, GroupChanges, Partial<Group>]>([
    ['left-out properties stay', assigned, { displayName: 'Sellers' }, { displayName: 'Sellers', description: 'people who sell' }],
    ['null clears', assigned, { description: null }, { description: null }],
    ['becoming dynamic starts processing', assigned, { groupTypes: ['DynamicMembership'], membershipRule: rule }, { membershipRuleProcessingState: 'On' }],
    ['becoming assigned drops the rule', dynamic, { groupTypes: [] }, { membershipRule: null, membershipRuleProcessingState: null }],
    ['pausing a dynamic group', dynamic, { membershipRuleProcessingState: 'Paused' }, { membershipRuleProcessingState: 'Paused', membershipRule: rule }],
  ])('%s', (_name, group, changes, expected) => {
    expect(applyGroupChanges(group, changes)).toMatchObject(expected);
  });

  it.each<[string, Group, GroupChanges]>([
    ['a rule on an assigned group', assigned, { membershipRule: rule }],
    ['removing the rule of a dynamic group', dynamic, { membershipRule: null }],
    ['becoming dynamic without a rule', assigned, { groupTypes: ['DynamicMembership'] }],
    ['becoming assigned but keeping the rule', dynamic, { groupTypes: [], membershipRule: rule }],
  ])('refuses %s', (_name, group, changes) => {
    expect(() => applyGroupChanges(group, changes)).toThrow(ValidationError);
  });
});

describe('createsNestingLoop', () => {
  it.each<[string, string, string, string[], boolean]>([
    ['a group inside itself', 'A', 'A', [], true],
    ['a group whose members include the parent', 'A', 'B', ['C', 'A'], true],
    ['an unrelated group', 'A', 'B', ['C'], false],
  ])('%s', (_name, groupId, memberId, inside, expected) => {
    expect(createsNestingLoop(groupId, memberId, new Set(inside))).toBe(expected);
  });
});
