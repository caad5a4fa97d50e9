import { Alert, Button, Checkbox, Group, List, Paper, Radio, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notify } from '../../components/notify';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError, unwrap } from '../../api/client';
import type { PolicyRequirements, Question } from '../../api/graph';
import { accessPackage, keys, requirementsOf } from '../../api/queries';
import { useSession } from '../../api/session';
import { formatDuration } from '../../components/formatting';
import { PageHeader } from '../../components/Layout';
import { EmptyState, ErrorAlert, Loading } from '../../components/QueryState';
import { emptyRequestForm, requestBody, requestFormErrors, sortedQuestions, type FieldErrors, type RequestFormValues } from '../../features/request-form/request-form';
import { resourceNames } from './package-search';

/**
 * One package: what it gives, and the form to request it. Also the page a shared link to a
 * package opens (/access-packages/{id}), hidden packages included, for whoever may request it.
 */
export function RequestPackagePage() {
  const { id = '' } = useParams();
  const details = useQuery({ queryKey: ['access-package', id], queryFn: () => accessPackage(id) });
  const requirements = useQuery({ queryKey: keys.requirements(id), queryFn: () => requirementsOf(id) });
  if (details.isPending || requirements.isPending) return <Loading label="Loading the access package…" />;
  if (details.error || !details.data) {
    return (
      <>
        <PageHeader title="Access package" />
        <ErrorAlert error={details.error} title="This access package cannot be requested" />
        <Button component={Link} to="/access-packages" variant="subtle" mt="md">
          See what you can request
        </Button>
      </>
    );
  }
  const resources = resourceNames(details.data);
  return (
    <>
      <PageHeader title={details.data.displayName} lead={details.data.description} />
      {resources.length > 0 ? (
        <Paper withBorder p="md" mb="md">
          <Text fw={600} mb="xs">
            What you get
          </Text>
          <List size="sm">
            {resources.map((name) => (
              <List.Item key={name}>{name}</List.Item>
            ))}
          </List>
        </Paper>
      ) : null}
      {requirements.error ? <ErrorAlert error={requirements.error} /> : null}
      {requirements.data && requirements.data.length === 0 ? (
        <EmptyState title="You cannot request this access package">No policy of this package lets you ask for it. If you need it, ask the package's owner.</EmptyState>
      ) : null}
      {requirements.data && requirements.data.length > 0 ? <RequestForm accessPackageId={id} requirements={requirements.data} /> : null}
    </>
  );
}

function RequestForm({ accessPackageId, requirements }: { accessPackageId: string; requirements: PolicyRequirements[] }) {
  const session = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<RequestFormValues>(() => emptyRequestForm(requirements));
  const [errors, setErrors] = useState<FieldErrors>({});
  const policy = requirements.find((candidate) => candidate.policyId === values.policyId);
  const submit = useMutation({
    mutationFn: () => unwrap(api.POST('/v1.0/identityGovernance/entitlementManagement/assignmentRequests', { body: requestBody(session.user.id, accessPackageId, requirements, values) })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: keys.myRequests });
      notify({ color: 'green', title: 'Request submitted', message: policy?.isApprovalRequiredForAdd ? 'Your approvers have been asked. You can follow it here.' : 'Your access is being delivered.' });
      navigate('/requests');
    },
    onError: (error) => {
      // A problem the server ties to a field goes next to that field; the rest above the button.
      if (error instanceof ApiError && error.target === 'justification') setErrors({ justification: error.message });
    },
  });
  const [attempted, setAttempted] = useState(false);
  const today = () => new Date().toISOString().slice(0, 10);
  // Once a submit has shown what is missing, each message goes as soon as its field is put right.
  const set = (patch: Partial<RequestFormValues>) => {
    const next = { ...values, ...patch };
    setValues(next);
    if (attempted) setErrors(requestFormErrors(requirements, next, today()));
  };
  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    const found = requestFormErrors(requirements, values, today());
    setErrors(found);
    if (Object.keys(found).length === 0) submit.mutate();
  };
  return (
    <Paper withBorder p="md" component="form" onSubmit={onSubmit} noValidate aria-label="Request form">
      <Stack>
        {requirements.length > 1 ? (
          <Radio.Group label="How do you want to request it?" value={values.policyId} onChange={(policyId) => set({ policyId, answers: {} })} error={errors.policyId} withAsterisk>
            <Stack gap="xs" mt="xs">
              {requirements.map((option) => (
                <Radio key={option.policyId} value={option.policyId} label={option.policyDisplayName} description={option.policyDescription ?? undefined} />
              ))}
            </Stack>
          </Radio.Group>
        ) : null}
        {policy ? <PolicySummary policy={policy} /> : null}
        {policy
          ? sortedQuestions(policy).map((question) => (
              <QuestionField key={question.id} question={question} value={values.answers[question.id] ?? []} error={errors[`question:${question.id}`]} onChange={(answer) => set({ answers: { ...values.answers, [question.id]: answer } })} />
            ))
          : null}
        {policy ? (
          <Textarea
            label="Justification"
            description="Why you need this access. Your approvers read it."
            withAsterisk={policy.isRequestorJustificationRequired}
            autosize
            minRows={3}
            maxLength={4000}
            value={values.justification}
            onChange={(event) => set({ justification: event.currentTarget.value })}
            error={errors.justification}
          />
        ) : null}
        {policy?.allowCustomAssignmentSchedule ? (
          <Group grow align="flex-start">
            <TextInput type="date" label="Start" description="Leave empty to start as soon as it is approved." value={values.startDate} onChange={(event) => set({ startDate: event.currentTarget.value })} error={errors.startDate} />
            <TextInput type="date" label="End" description="Leave empty for the policy's own end." value={values.endDate} onChange={(event) => set({ endDate: event.currentTarget.value })} error={errors.endDate} />
          </Group>
        ) : null}
        {submit.error && !(submit.error instanceof ApiError && submit.error.target === 'justification') ? <ErrorAlert error={submit.error} title="The request was not submitted" /> : null}
        <Group justify="flex-end">
          <Button variant="default" component={Link} to="/access-packages">
            Cancel
          </Button>
          <Button type="submit" loading={submit.isPending}>
            Submit request
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function PolicySummary({ policy }: { policy: PolicyRequirements }) {
  const expiration = policy.schedule.expiration;
  const lasts =
    expiration.type === 'afterDuration' ? `Access lasts ${formatDuration(expiration.duration)}.` : expiration.type === 'afterDateTime' && expiration.endDateTime ? `Access ends on ${new Date(expiration.endDateTime).toLocaleDateString()}.` : 'Access does not expire by itself.';
  return (
    <Alert color="indigo" variant="light" title={policy.policyDisplayName}>
      {policy.isApprovalRequiredForAdd ? 'Someone must approve this request before you get access. ' : 'No approval is needed: access is delivered right away. '}
      {lasts}
    </Alert>
  );
}

function QuestionField({ question, value, error, onChange }: { question: Question; value: string[]; error: string | undefined; onChange: (value: string[]) => void }) {
  const common = { label: question.text, withAsterisk: question.isRequired, error };
  if (question['@odata.type'] === '#microsoft.graph.accessPackageMultipleChoiceQuestion') {
    const choices = (question.choices ?? []).map((choice) => ({ value: choice.actualValue, label: choice.text }));
    if (question.isMultipleSelectionAllowed) {
      return (
        <Checkbox.Group {...common} value={value} onChange={onChange}>
          <Stack gap={6} mt="xs">
            {choices.map((choice) => (
              <Checkbox key={choice.value} value={choice.value} label={choice.label} />
            ))}
          </Stack>
        </Checkbox.Group>
      );
    }
    return <Select {...common} data={choices} value={value[0] ?? null} onChange={(chosen) => onChange(chosen ? [chosen] : [])} placeholder="Choose one" allowDeselect={!question.isRequired} />;
  }
  if (question.isSingleLineQuestion) return <TextInput {...common} value={value[0] ?? ''} onChange={(event) => onChange([event.currentTarget.value])} maxLength={4000} />;
  return <Textarea {...common} autosize minRows={2} value={value[0] ?? ''} onChange={(event) => onChange([event.currentTarget.value])} maxLength={4000} />;
}
