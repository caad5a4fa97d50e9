import { Button, Checkbox, Fieldset, Group, Input, NumberInput, Paper, Radio, Stack, Switch, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { NotSavedAlert, saveRefusal } from '../../components/save-refusal';
import { externalScopes, targetsOfScope, maxDenyAfterDays, maxDurationDays, maxStages, newQuestion, newStage, policyFormErrors, type FieldErrors, type PolicyForm, type QuestionForm, type StageForm } from './policy-form';
import { SubjectSetEditor, type DirectorySearch } from './SubjectSetEditor';

const scopeOptions = [
  { value: 'allMemberUsers', label: 'All members of the organisation (not guests)' },
  { value: 'allDirectoryUsers', label: 'Everyone in the directory, guests included' },
  { value: 'specificDirectoryUsers', label: 'Specific people, groups or rules' },
  { value: 'notSpecified', label: 'No one: administrators assign it' },
];
/** Scopes for people outside the organisation: offered when the package's catalog is enabled for external users. */
const externalScopeOptions = [
  { value: 'specificConnectedOrganizationUsers', label: 'Users of specific connected organizations' },
  { value: 'allConfiguredConnectedOrganizationUsers', label: 'Users of every configured connected organization' },
  { value: 'allExternalUsers', label: 'All external users, from any domain (a new domain is proposed as a connected organization)' },
];
/** A scope Tessera does not offer, shown only on a policy that has one (the server refuses to save it). */
const keptScopeLabels: Record<string, string> = { allDirectoryServicePrincipals: 'Service principals' };

/**
 * The assignment policy editor: who can request, approval stages with approvers and deadlines,
 * how long access lasts, and the questions requesters answer. Every problem shows next to its
 * field, whether this page found it or the server refused it; nothing is sent while any remains.
 */
export function PolicyEditor({ initial, directory, onSave, onCancel, saveLabel = 'Save policy', externalUsersAllowed = false }: { initial: PolicyForm; directory: DirectorySearch; onSave: (form: PolicyForm) => Promise<void>; onCancel: () => void; saveLabel?: string; /** Whether the package's catalog is enabled for external users, which policies for people outside need. */ externalUsersAllowed?: boolean }) {
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [attempted, setAttempted] = useState(false);
  const today = () => new Date().toISOString().slice(0, 10);
  // Once a save has shown the problems, each message goes as soon as its field is put right.
  const set = (patch: Partial<PolicyForm>) => {
    const next = { ...form, ...patch };
    setForm(next);
    if (attempted) setErrors(policyFormErrors(next, today()));
  };
  const setStage = (index: number, patch: Partial<StageForm>) => set({ stages: form.stages.map((stage, i) => (i === index ? { ...stage, ...patch } : stage)) });
  const setQuestion = (index: number, patch: Partial<QuestionForm>) => set({ questions: form.questions.map((question, i) => (i === index ? { ...question, ...patch } : question)) });
  const approval = form.approvalRequired || form.approvalRequiredForUpdate;
  const external = externalScopes.includes(form.allowedTargetScope);
  const scopes = [
    ...scopeOptions,
    ...(externalUsersAllowed || external ? externalScopeOptions : []),
    ...(keptScopeLabels[form.allowedTargetScope] ? [{ value: form.allowedTargetScope, label: keptScopeLabels[form.allowedTargetScope]! }] : []),
  ];

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    const found = policyFormErrors(form, today());
    setErrors(found);
    setFailure(Object.keys(found).length ? `Fix the ${Object.keys(found).length === 1 ? 'problem' : `${Object.keys(found).length} problems`} marked below, then save again.` : null);
    if (Object.keys(found).length) return;
    setSaving(true);
    try {
      await onSave(form);
    } catch (error) {
      const refusal = saveRefusal(error, 'policy');
      setErrors(refusal.errors);
      setFailure(refusal.failure);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form onSubmit={save} noValidate aria-label="Policy editor">
      <Stack>
        <NotSavedAlert failure={failure} />
        <Paper withBorder p="md">
          <Stack>
            <TextInput label="Name" withAsterisk value={form.displayName} onChange={(event) => set({ displayName: event.currentTarget.value })} error={errors.displayName} maxLength={300} />
            <Textarea label="Description" description="Requesters see it when they choose how to ask." value={form.description} onChange={(event) => set({ description: event.currentTarget.value })} error={errors.description} autosize minRows={2} />
          </Stack>
        </Paper>

        <Paper withBorder p="md">
          <Title order={3} size="h4" mb="sm">
            Who can request
          </Title>
          <Stack>
            <Radio.Group value={form.allowedTargetScope} onChange={(value) => set({ allowedTargetScope: value as PolicyForm['allowedTargetScope'] })} label="People who may ask for this package" error={errors.allowedTargetScope}>
              <Stack gap={6} mt="xs">
                {scopes.map((option) => (
                  <Radio key={option.value} value={option.value} label={option.label} />
                ))}
              </Stack>
            </Radio.Group>
            {!externalUsersAllowed ? (
              <Text size="sm" c="dimmed">
                {external ? 'This policy is for people outside the organisation, but its catalog is not enabled for external users: enable it on the catalog’s page, or choose people inside.' : 'To let people outside the organisation (connected organizations, external users) request this package, enable its catalog for external users first.'}
              </Text>
            ) : null}
            {form.allowedTargetScope === 'specificDirectoryUsers' ? (
              <SubjectSetEditor key="directory" legend="Allowed requesters" kinds={['groupMembers', 'singleUser', 'attributeRuleMembers']} value={targetsOfScope(form)} onChange={(allowedTargets) => set({ allowedTargets })} error={errors.specificAllowedTargets} directory={directory} />
            ) : null}
            {form.allowedTargetScope === 'specificConnectedOrganizationUsers' ? (
              <SubjectSetEditor key="organizations" legend="Allowed connected organizations" kinds={['connectedOrganizationMembers']} value={targetsOfScope(form)} onChange={(allowedTargets) => set({ allowedTargets })} error={errors.specificAllowedTargets} directory={directory} />
            ) : null}
            {form.allowedTargetScope !== 'notSpecified' ? (
              <Input.Wrapper label="What they may do themselves" error={errors['requestorSettings.enableTargetsToSelfAddAccess']}>
                <Stack gap={6} mt={4}>
                  <Checkbox label="Request it" checked={form.selfAdd} onChange={(event) => set({ selfAdd: event.currentTarget.checked })} />
                  <Checkbox label="Extend it before it expires" checked={form.selfUpdate} onChange={(event) => set({ selfUpdate: event.currentTarget.checked })} />
                  <Checkbox label="Give it up" checked={form.selfRemove} onChange={(event) => set({ selfRemove: event.currentTarget.checked })} />
                  <Checkbox label="Choose their own start and end dates" checked={form.customSchedule} onChange={(event) => set({ customSchedule: event.currentTarget.checked })} />
                </Stack>
              </Input.Wrapper>
            ) : null}
          </Stack>
        </Paper>

        <Paper withBorder p="md">
          <Title order={3} size="h4" mb="sm">
            Approval
          </Title>
          <Stack>
            <Switch label="Requests need approval" checked={form.approvalRequired} onChange={(event) => set({ approvalRequired: event.currentTarget.checked, stages: event.currentTarget.checked && form.stages.length === 0 ? [newStage()] : form.stages })} />
            <Switch label="Extensions need approval" checked={form.approvalRequiredForUpdate} onChange={(event) => set({ approvalRequiredForUpdate: event.currentTarget.checked, stages: event.currentTarget.checked && form.stages.length === 0 ? [newStage()] : form.stages })} />
            <Switch label="Requesters must give a justification" checked={form.requestorJustificationRequired} onChange={(event) => set({ requestorJustificationRequired: event.currentTarget.checked })} />
            {approval
              ? form.stages.map((stage, index) => {
                  const at = `requestApprovalSettings.stages[${index}]`;
                  return (
                    <Fieldset key={index} legend={`Stage ${index + 1}`}>
                      <Stack>
                        <SubjectSetEditor legend={`Stage ${index + 1} approvers`} kinds={['requestorManager', 'singleUser', 'groupMembers', 'internalSponsors', 'externalSponsors', 'targetUserSponsors']} value={stage.approvers} onChange={(approvers) => setStage(index, { approvers })} error={errors[`${at}.primaryApprovers`]} directory={directory} />
                        <SubjectSetEditor legend={`Stage ${index + 1} fallback approvers`} kinds={['singleUser', 'groupMembers']} value={stage.fallbackApprovers} onChange={(fallbackApprovers) => setStage(index, { fallbackApprovers })} error={errors[`${at}.fallbackPrimaryApprovers`]} directory={directory} />
                        <NumberInput clampBehavior="none" label="Days to decide" description={`Undecided requests are denied after this many days (1 to ${maxDenyAfterDays}).`} min={1} max={maxDenyAfterDays} allowDecimal={false} value={stage.denyAfterDays} onChange={(value) => setStage(index, { denyAfterDays: value === '' ? '' : Number(value) })} error={errors[`${at}.durationBeforeAutomaticDenial`]} w={260} />
                        <Checkbox label="Approvers must give a reason" checked={stage.approverJustificationRequired} onChange={(event) => setStage(index, { approverJustificationRequired: event.currentTarget.checked })} />
                        <Switch label="Escalate when no one decides in time" checked={stage.escalationEnabled} onChange={(event) => setStage(index, { escalationEnabled: event.currentTarget.checked })} />
                        {stage.escalationEnabled ? (
                          <>
                            <NumberInput clampBehavior="none" label="Escalate after (hours)" min={1} allowDecimal={false} value={stage.escalateAfterHours} onChange={(value) => setStage(index, { escalateAfterHours: value === '' ? '' : Number(value) })} error={errors[`${at}.durationBeforeEscalation`]} w={260} />
                            <SubjectSetEditor legend={`Stage ${index + 1} escalation approvers`} kinds={['singleUser', 'groupMembers', 'requestorManager']} value={stage.escalationApprovers} onChange={(escalationApprovers) => setStage(index, { escalationApprovers })} error={errors[`${at}.escalationApprovers`]} directory={directory} />
                          </>
                        ) : null}
                        {form.stages.length > 1 ? (
                          <Group>
                            <Button variant="subtle" color="red" size="xs" onClick={() => set({ stages: form.stages.filter((_, i) => i !== index) })}>
                              Remove stage {index + 1}
                            </Button>
                          </Group>
                        ) : null}
                      </Stack>
                    </Fieldset>
                  );
                })
              : null}
            {errors['requestApprovalSettings.stages'] ? <Input.Error>{errors['requestApprovalSettings.stages']}</Input.Error> : null}
            {approval && form.stages.length < maxStages ? (
              <Group>
                <Button variant="light" onClick={() => set({ stages: [...form.stages, { ...newStage(), approvers: [] }] })}>
                  Add a stage
                </Button>
              </Group>
            ) : null}
          </Stack>
        </Paper>

        <Paper withBorder p="md">
          <Title order={3} size="h4" mb="sm">
            How long access lasts
          </Title>
          <Stack>
            <Radio.Group value={form.expiration.type} onChange={(type) => set({ expiration: { ...form.expiration, type: type as PolicyForm['expiration']['type'] } })} label="Access ends">
              <Stack gap={6} mt="xs">
                <Radio value="afterDuration" label="After a number of days" />
                <Radio value="afterDateTime" label="On a date" />
                <Radio value="noExpiration" label="Never (until removed)" />
              </Stack>
            </Radio.Group>
            {form.expiration.type === 'afterDuration' ? <NumberInput clampBehavior="none" label="Days" min={1} max={maxDurationDays} allowDecimal={false} value={form.expiration.days} onChange={(value) => set({ expiration: { ...form.expiration, days: value === '' ? '' : Number(value) } })} error={errors['expiration.duration']} w={200} /> : null}
            {form.expiration.type === 'afterDateTime' ? <TextInput type="date" label="End date" value={form.expiration.endDate} onChange={(event) => set({ expiration: { ...form.expiration, endDate: event.currentTarget.value } })} error={errors['expiration.endDateTime']} w={200} /> : null}
          </Stack>
        </Paper>

        <Paper withBorder p="md">
          <Title order={3} size="h4" mb="sm">
            Questions for requesters
          </Title>
          <Stack>
            {form.questions.length === 0 ? (
              <Text size="sm" c="dimmed">
                No questions. Approvers see the answers beside the justification.
              </Text>
            ) : null}
            {form.questions.map((question, index) => (
              <QuestionEditor key={question.key} index={index} question={question} errors={errors} onChange={(patch) => setQuestion(index, patch)} onRemove={() => set({ questions: form.questions.filter((_, i) => i !== index) })} />
            ))}
            <Group>
              <Button variant="light" onClick={() => set({ questions: [...form.questions, newQuestion('text')] })}>
                Add a text question
              </Button>
              <Button variant="light" onClick={() => set({ questions: [...form.questions, newQuestion('choice')] })}>
                Add a multiple choice question
              </Button>
            </Group>
          </Stack>
        </Paper>

        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={saving}>
            {saveLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function QuestionEditor({ index, question, errors, onChange, onRemove }: { index: number; question: QuestionForm; errors: FieldErrors; onChange: (patch: Partial<QuestionForm>) => void; onRemove: () => void }) {
  const at = `questions[${index}]`;
  return (
    <Fieldset legend={`Question ${index + 1}: ${question.kind === 'text' ? 'text answer' : 'multiple choice'}`}>
      <Stack gap="xs">
        <TextInput label={`Question ${index + 1}`} withAsterisk value={question.text} onChange={(event) => onChange({ text: event.currentTarget.value })} error={errors[`${at}.text`]} maxLength={1100} />
        <Group>
          <Checkbox label="Required" checked={question.isRequired} onChange={(event) => onChange({ isRequired: event.currentTarget.checked })} />
          {question.kind === 'text' ? <Checkbox label="One line" checked={question.isSingleLine} onChange={(event) => onChange({ isSingleLine: event.currentTarget.checked })} /> : <Checkbox label="Several choices allowed" checked={question.multiple} onChange={(event) => onChange({ multiple: event.currentTarget.checked })} />}
        </Group>
        {question.kind === 'text' ? (
          <TextInput label="Answer format (regular expression, optional)" description="RE2 syntax; the whole answer must match, e.g. [A-Z]{2}\d{4}." value={question.regexPattern} onChange={(event) => onChange({ regexPattern: event.currentTarget.value })} error={errors[`${at}.regexPattern`]} maxLength={500} />
        ) : (
          <Input.Wrapper label="Choices" error={errors[`${at}.choices`]}>
            <Stack gap={4} mt={4}>
              {question.choices.map((choice, choiceIndex) => (
                <Group key={choiceIndex} gap="xs" wrap="nowrap">
                  <TextInput aria-label={`Question ${index + 1}, choice ${choiceIndex + 1}`} placeholder={`Choice ${choiceIndex + 1}`} value={choice.text} onChange={(event) => onChange({ choices: question.choices.map((c, i) => (i === choiceIndex ? { ...c, text: event.currentTarget.value } : c)) })} maxLength={200} style={{ flex: 1 }} />
                  <Button size="compact-sm" variant="subtle" color="red" onClick={() => onChange({ choices: question.choices.filter((_, i) => i !== choiceIndex) })} aria-label={`Remove choice ${choiceIndex + 1} of question ${index + 1}`}>
                    Remove
                  </Button>
                </Group>
              ))}
              <Group>
                <Button size="xs" variant="subtle" onClick={() => onChange({ choices: [...question.choices, { value: '', text: '' }] })}>
                  Add a choice
                </Button>
              </Group>
            </Stack>
          </Input.Wrapper>
        )}
        <Group>
          <Button size="xs" variant="subtle" color="red" onClick={onRemove}>
            Remove question {index + 1}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}

