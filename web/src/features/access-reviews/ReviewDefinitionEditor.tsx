import { Alert, Button, Group, List, Modal, NumberInput, Paper, Radio, Select, Stack, Switch, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { NotSavedAlert, saveRefusal } from '../../components/save-refusal';
import { DirectoryPicker, type DirectoryOption } from '../../components/DirectoryPicker';
import { SubjectSetEditor, type DirectorySearch } from '../policy-editor/SubjectSetEditor';
import { defaultDecisionLabels, frequencies, isParty, maxDurationDays, maxLookBackDays, reviewFormErrors, reviewWarnings, type DefaultDecisionChoice, type FieldErrors, type Frequency, type ReviewerKind, type ReviewForm } from './review-form';

/** The directory the editor searches: people and groups, and access packages for what to review. */
export type ReviewDirectory = DirectorySearch & { packages(text: string): Promise<DirectoryOption[]> };

const reviewerKinds: { value: ReviewerKind; label: string; description: string }[] = [
  { value: 'managers', label: 'Managers', description: "Each person's manager reviews them; the fallback reviewers review those without one." },
  { value: 'groupOwners', label: 'Group owners', description: "The owners of the group reviewed; the fallback reviewers when it has none." },
  { value: 'specific', label: 'Specific people or groups', description: 'The people, and the members of the groups, named below.' },
  { value: 'self', label: 'Self-review', description: 'Everyone reviews their own access.' },
];

/**
 * The access review editor: what is reviewed, by whom, how often, and what happens with the
 * answers. Every problem shows next to its field, whether this page found it or the server refused
 * it; settings that can take access from people nobody looked at are named before saving, and
 * saving with them asks once more.
 */
export function ReviewDefinitionEditor({ initial, directory, onSave, onCancel, today }: { initial: ReviewForm; directory: ReviewDirectory; onSave: (form: ReviewForm) => Promise<void>; onCancel: () => void; today: string }) {
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [attempted, setAttempted] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const warnings = reviewWarnings(form);
  const set = (patch: Partial<ReviewForm>) => {
    const next = { ...form, ...patch };
    setForm(next);
    if (attempted) setErrors(reviewFormErrors(next, today));
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    const found = reviewFormErrors(form, today);
    setErrors(found);
    const count = Object.keys(found).length;
    setFailure(count ? `Fix the ${count === 1 ? 'problem' : `${count} problems`} marked below, then save again.` : null);
    if (count) return;
    if (warnings.length) setConfirming(true);
    else void save();
  };
  const save = async () => {
    setConfirming(false);
    setSaving(true);
    try {
      await onSave(form);
    } catch (error) {
      const refusal = saveRefusal(error, 'review', fieldOf);
      setErrors(refusal.errors);
      setFailure(refusal.failure);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Access review editor">
      <Stack>
        <NotSavedAlert failure={failure} />
        <Paper withBorder p="md">
          <Stack>
            <TextInput label="Name" withAsterisk value={form.displayName} onChange={(event) => set({ displayName: event.currentTarget.value })} error={errors.displayName} maxLength={300} />
            <Textarea label="Description for reviewers" description="Shown to reviewers, on the review's page and in its e-mails: what to look for." value={form.descriptionForReviewers} onChange={(event) => set({ descriptionForReviewers: event.currentTarget.value })} error={errors.descriptionForReviewers} autosize minRows={2} />
            <Textarea label="Description for administrators" description="Shown in the admin center only." value={form.descriptionForAdmins} onChange={(event) => set({ descriptionForAdmins: event.currentTarget.value })} error={errors.descriptionForAdmins} autosize minRows={2} />
          </Stack>
        </Paper>

        <Paper withBorder p="md">
          <Title order={3} size="h4" mb="sm">
            What to review
          </Title>
          <Stack>
            <Radio.Group label="Review" value={form.scope.kind} onChange={(kind) => set({ scope: { kind: kind as ReviewForm['scope']['kind'], id: null, label: '' }, reviewerKind: kind === 'accessPackage' && form.reviewerKind === 'groupOwners' ? 'managers' : form.reviewerKind })}>
              <Stack gap={6} mt="xs">
                <Radio value="group" label="The members of a group" />
                <Radio value="accessPackage" label="The assignments of an access package" />
              </Stack>
            </Radio.Group>
            <DirectoryPicker
              key={form.scope.kind}
              label={form.scope.kind === 'group' ? 'Group' : 'Access package'}
              withAsterisk
              search={form.scope.kind === 'group' ? directory.groups : directory.packages}
              value={form.scope.id}
              onChange={(id, option) => set({ scope: { ...form.scope, id, label: option?.label ?? '' } })}
              error={errors['scope.query']}
              w={400}
            />
          </Stack>
        </Paper>

        <Paper withBorder p="md">
          <Title order={3} size="h4" mb="sm">
            Reviewers
          </Title>
          <Stack>
            <Radio.Group label="Who reviews" value={form.reviewerKind} onChange={(kind) => set({ reviewerKind: kind as ReviewerKind })} error={errors.reviewers && form.reviewerKind !== 'specific' ? errors.reviewers : undefined}>
              <Stack gap={6} mt="xs">
                {reviewerKinds.map((kind) => (
                  <Radio key={kind.value} value={kind.value} label={kind.label} description={kind.description} disabled={kind.value === 'groupOwners' && form.scope.kind !== 'group'} />
                ))}
              </Stack>
            </Radio.Group>
            {form.reviewerKind === 'specific' ? <SubjectSetEditor legend="Reviewers" kinds={['singleUser', 'groupMembers']} value={form.reviewers} onChange={(sets) => set({ reviewers: sets.filter(isParty) })} error={errors.reviewers} directory={directory} /> : null}
            {form.reviewerKind === 'managers' || form.reviewerKind === 'groupOwners' ? (
              <SubjectSetEditor legend="Fallback reviewers" kinds={['singleUser', 'groupMembers']} value={form.fallbackReviewers} onChange={(sets) => set({ fallbackReviewers: sets.filter(isParty) })} error={errors.fallbackReviewers} directory={directory} />
            ) : null}
          </Stack>
        </Paper>

        <Paper withBorder p="md">
          <Title order={3} size="h4" mb="sm">
            Schedule
          </Title>
          <Stack>
            <Group align="flex-start">
              <Select label="Frequency" data={frequencies} value={form.frequency} onChange={(value) => value && set({ frequency: value as Frequency })} allowDeselect={false} w={200} />
              <TextInput type="date" label="Start date" withAsterisk value={form.startDate} onChange={(event) => set({ startDate: event.currentTarget.value })} error={errors['settings.recurrence.range.startDate']} w={200} />
              <NumberInput clampBehavior="none" label="Duration (days)" description="How long reviewers have to decide." min={1} max={maxDurationDays} allowDecimal={false} value={form.durationInDays} onChange={(value) => set({ durationInDays: value === '' ? '' : Number(value) })} error={errors['settings.instanceDurationInDays']} w={220} />
            </Group>
            {form.frequency !== 'once' ? (
              <>
                <Radio.Group label="Ends" value={form.end} onChange={(end) => set({ end: end as ReviewForm['end'] })}>
                  <Stack gap={6} mt="xs">
                    <Radio value="never" label="Never" />
                    <Radio value="onDate" label="On a date" />
                    <Radio value="after" label="After a number of reviews" />
                  </Stack>
                </Radio.Group>
                {form.end === 'onDate' ? <TextInput type="date" label="End date" description="No review starts after this date." value={form.endDate} onChange={(event) => set({ endDate: event.currentTarget.value })} error={errors['settings.recurrence.range.endDate']} w={240} /> : null}
                {form.end === 'after' ? <NumberInput clampBehavior="none" label="Number of reviews" min={1} max={1000} allowDecimal={false} value={form.occurrences} onChange={(value) => set({ occurrences: value === '' ? '' : Number(value) })} error={errors['settings.recurrence.range.numberOfOccurrences']} w={200} /> : null}
              </>
            ) : null}
          </Stack>
        </Paper>

        <Paper withBorder p="md">
          <Title order={3} size="h4" mb="sm">
            Settings
          </Title>
          <Stack>
            <Switch label="E-mail reviewers when the review starts and ends" checked={form.mailNotificationsEnabled} onChange={(event) => set({ mailNotificationsEnabled: event.currentTarget.checked })} />
            <Switch label="Remind reviewers who have not finished, halfway through" checked={form.mailNotificationsEnabled && form.reminderNotificationsEnabled} disabled={!form.mailNotificationsEnabled} onChange={(event) => set({ reminderNotificationsEnabled: event.currentTarget.checked })} />
            <Switch label="Reviewers must give a reason to approve" checked={form.justificationRequiredOnApproval} onChange={(event) => set({ justificationRequiredOnApproval: event.currentTarget.checked })} />
            <Switch label="Show recommendations" description="Approve those who signed in or used the access recently, deny the others." checked={form.recommendationsEnabled} onChange={(event) => set({ recommendationsEnabled: event.currentTarget.checked })} />
            {form.recommendationsEnabled ? <NumberInput clampBehavior="none" label="Recent means within (days)" min={1} max={maxLookBackDays} allowDecimal={false} value={form.lookBackDays} onChange={(value) => set({ lookBackDays: value === '' ? '' : Number(value) })} error={errors['settings.recommendationLookBackDuration']} w={240} /> : null}
            <Select
              label="If reviewers don't answer"
              data={(Object.keys(defaultDecisionLabels) as DefaultDecisionChoice[]).map((value) => ({ value, label: defaultDecisionLabels[value] }))}
              value={form.defaultDecision}
              onChange={(value) => value && set({ defaultDecision: value as DefaultDecisionChoice })}
              allowDeselect={false}
              error={errors['settings.defaultDecision']}
              w={320}
            />
            <Switch label="Apply the results automatically when the review ends" description="Denied access (and the default decision's) is removed without an administrator applying it." checked={form.autoApplyDecisionsEnabled} onChange={(event) => set({ autoApplyDecisionsEnabled: event.currentTarget.checked })} />
            {warnings.length ? (
              <Alert color="orange" title="Access can be removed without anyone looking" data-testid="review-warnings">
                <Stack gap={4}>
                  {warnings.map((warning) => (
                    <Text key={warning} size="sm">
                      {warning}
                    </Text>
                  ))}
                </Stack>
              </Alert>
            ) : null}
          </Stack>
        </Paper>

        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={saving}>
            Create review
          </Button>
        </Group>
      </Stack>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title="Create this review?">
        <Stack>
          <Text size="sm">These settings can remove access from people nobody looked at:</Text>
          <List size="sm" spacing={4}>
            {warnings.map((warning) => (
              <List.Item key={warning}>{warning}</List.Item>
            ))}
          </List>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              Go back
            </Button>
            <Button color="red" onClick={() => void save()}>
              Create anyway
            </Button>
          </Group>
        </Stack>
      </Modal>
    </form>
  );
}

/** The server names a stage's or a reviewer's problem more precisely than the form shows it (reviewers[0].query → reviewers). */
function fieldOf(target: string): string {
  const reviewer = /^(reviewers|fallbackReviewers)\[/.exec(target);
  if (reviewer) return reviewer[1]!;
  if (target.startsWith('scope')) return 'scope.query';
  return target;
}
