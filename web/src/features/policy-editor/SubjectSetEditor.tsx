import { Button, Fieldset, Group, Input, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useId, useState } from 'react';
import { DirectoryPicker, type DirectoryOption } from '../../components/DirectoryPicker';
import { describeSubjectSet, type SubjectSet } from './policy-form';

/** Finds people and groups (and connected organizations) for the pickers; the page gives the API, tests give a list. */
export type DirectorySearch = {
  users(text: string): Promise<DirectoryOption[]>;
  groups(text: string): Promise<DirectoryOption[]>;
  /** Only where a policy can name connected organizations; without it none is found. */
  connectedOrganizations?(text: string): Promise<DirectoryOption[]>;
};

const nothing = async (): Promise<DirectoryOption[]> => [];
/** The kinds picked by name from a search, and what the picker is called. */
const pickedKinds = { singleUser: 'Person', groupMembers: 'Group', connectedOrganizationMembers: 'Connected organization' } as const;
type PickedKind = keyof typeof pickedKinds;
const isPicked = (kind: string): kind is PickedKind => kind in pickedKinds;

/** The kinds a person can add here (others are only kept). */
type Kind = Exclude<SubjectSet['kind'], 'other'>;
const kindLabels: Record<Kind, string> = {
  requestorManager: "The requester's manager",
  singleUser: 'A specific person',
  groupMembers: 'Members of a group',
  attributeRuleMembers: 'People matching a rule',
  internalSponsors: 'Internal sponsors',
  externalSponsors: 'External sponsors',
  targetUserSponsors: "The requester's sponsors",
  connectedOrganizationMembers: 'People of a connected organization',
};

/**
 * A list of sets of people (who may request, who approves), with a row to add one: a person or
 * group found by name, the requester's manager at a level, or an attribute rule.
 */
export function SubjectSetEditor({ legend, kinds, value, onChange, error, directory }: { legend: string; kinds: Kind[]; value: SubjectSet[]; onChange: (value: SubjectSet[]) => void; error?: string | undefined; directory: DirectorySearch }) {
  const errorId = useId();
  const [kind, setKind] = useState<Kind>(kinds[0]!);
  const [picked, setPicked] = useState<DirectoryOption | null>(null);
  const [level, setLevel] = useState<number | string>(1);
  const [rule, setRule] = useState('');
  const candidate = (): SubjectSet | null => {
    if (isPicked(kind)) return picked ? { kind, id: picked.id, label: picked.label } : null;
    if (kind === 'requestorManager') return { kind, managerLevel: Number(level) || 1 };
    if (kind === 'attributeRuleMembers') return rule.trim() ? { kind, rule: rule.trim() } : null;
    return { kind };
  };
  const add = () => {
    const next = candidate();
    if (!next || value.some((existing) => describeSubjectSet(existing) === describeSubjectSet(next))) return;
    onChange([...value, next]);
    setPicked(null);
    setRule('');
  };
  return (
    <Fieldset legend={legend} aria-describedby={error ? errorId : undefined} aria-invalid={error ? true : undefined}>
      <Stack gap="xs">
        {value.length === 0 ? (
          <Text size="sm" c="dimmed">
            No one yet.
          </Text>
        ) : (
          value.map((set, index) => (
            <Group key={`${describeSubjectSet(set)}-${index}`} justify="space-between" wrap="nowrap">
              <Text size="sm">{describeSubjectSet(set)}</Text>
              <Button size="compact-xs" variant="subtle" color="red" onClick={() => onChange(value.filter((_, i) => i !== index))} aria-label={`Remove ${describeSubjectSet(set)} from ${legend}`}>
                Remove
              </Button>
            </Group>
          ))
        )}
        <Group align="flex-end" wrap="wrap" gap="xs">
          {kinds.length > 1 ? <Select label="Add" data={kinds.map((k) => ({ value: k, label: kindLabels[k] }))} value={kind} onChange={(next) => next && (setKind(next as Kind), setPicked(null))} allowDeselect={false} w={220} /> : null}
          {isPicked(kind) ? (
            <DirectoryPicker
              key={kind}
              label={pickedKinds[kind]}
              search={kind === 'groupMembers' ? directory.groups : kind === 'connectedOrganizationMembers' ? (directory.connectedOrganizations ?? nothing) : directory.users}
              value={picked?.id ?? null}
              onChange={(_id, option) => setPicked(option ?? null)}
              w={260}
            />
          ) : null}
          {kind === 'requestorManager' ? <NumberInput label="Manager level" min={1} max={2} value={level} onChange={setLevel} w={140} /> : null}
          {kind === 'attributeRuleMembers' ? <TextInput label="Rule" placeholder='user.department -eq "Sales"' value={rule} onChange={(event) => setRule(event.currentTarget.value)} maxLength={3072} w={300} /> : null}
          <Button variant="light" onClick={add} disabled={candidate() === null}>
            Add to {legend.toLowerCase()}
          </Button>
        </Group>
        {error ? <Input.Error id={errorId}>{error}</Input.Error> : null}
      </Stack>
    </Fieldset>
  );
}
