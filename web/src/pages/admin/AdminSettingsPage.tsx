import { Alert, Button, Group, NumberInput, Paper, Radio, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError, unwrap } from '../../api/client';
import type { EntitlementManagementSettings } from '../../api/graph';
import { useSession } from '../../api/session';
import { formatDuration } from '../../components/formatting';
import { PageHeader } from '../../components/Layout';
import { notify } from '../../components/notify';
import { QueryState } from '../../components/QueryState';
import { keptDuration, lifecycleBody, lifecycleFormErrors, lifecycleFormFrom, maxDaysBeforeDeletion, type LifecycleForm } from '../../features/external-user-settings/lifecycle-form';

const settingsPath = '/v1.0/identityGovernance/entitlementManagement/settings';
const settingsKey = ['admin', 'entitlement-settings'] as const;

const actions: { value: LifecycleForm['action']; label: string; description: string }[] = [
  { value: 'none', label: 'Do nothing', description: 'They keep their guest account and can still sign in, with no access from Tessera until they are given some again.' },
  { value: 'blockSignIn', label: 'Block their sign-in', description: 'Their guest account is blocked at once. A new assignment lets them in again.' },
  {
    value: 'blockSignInAndDelete',
    label: 'Block their sign-in, then delete them',
    description: 'Blocked at once, and deleted after the days below unless a new assignment comes first. A deleted guest stays in the history of who had access, without their personal details.',
  },
];

/** Admin center → Settings: for now, what happens to external users after their last assignment. */
export function AdminSettingsPage() {
  const settings = useQuery({ queryKey: settingsKey, queryFn: () => unwrap<EntitlementManagementSettings>(api.GET(settingsPath)) });
  return (
    <>
      <PageHeader title="Settings" lead="How entitlement management treats people from outside the organization." />
      <QueryState query={settings} loading="Loading the settings…">
        {(found) => <ExternalUserSettings key={`${found.externalUserLifecycleAction}-${found.durationUntilExternalUserDeletedAfterBlocked}`} settings={found} />}
      </QueryState>
    </>
  );
}

function ExternalUserSettings({ settings }: { settings: EntitlementManagementSettings }) {
  const editable = useSession().adminCenter.canManage.entitlementSettings;
  const queryClient = useQueryClient();
  const [form, setForm] = useState(() => lifecycleFormFrom(settings));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const set = (patch: Partial<LifecycleForm>) => {
    const next = { ...form, ...patch };
    setForm(next);
    if (Object.keys(errors).length) setErrors(lifecycleFormErrors(next));
  };
  const kept = keptDuration(form);

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    const found = lifecycleFormErrors(form);
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length) return;
    setSaving(true);
    try {
      await unwrap(api.PATCH(settingsPath, { body: lifecycleBody(form) }));
      await queryClient.invalidateQueries({ queryKey: settingsKey });
      notify({ color: 'green', title: 'Settings saved', message: actions.find((action) => action.value === form.action)!.label + (form.action === 'blockSignInAndDelete' ? `, after ${kept ? formatDuration(kept) : `${form.days} days`}.` : '.') });
    } catch (error) {
      // The server's refusal of a field goes next to it; anything else above the form.
      const details = error instanceof ApiError ? error.details.filter((detail) => detail.target) : [];
      setErrors(Object.fromEntries(details.map((detail) => [detail.target!, detail.message])));
      setFailure(details.length ? null : error instanceof ApiError ? error.message : 'The settings were not saved. Try again.');
    } finally {
      setSaving(false);
    }
  };

  return (
    <Paper withBorder p="md" maw={760}>
      <form onSubmit={save} noValidate aria-labelledby="external-users-heading">
        <Stack>
          <div>
            <Title order={3} size="h4" id="external-users-heading">
              External users
            </Title>
            <Text size="sm" c="dimmed" mt={4}>
              This affects only guests Tessera brought in: people from outside added to the directory when access was delivered to them (after a request, or an assignment by e-mail). Guests invited any other way are left alone.
            </Text>
          </div>
          {failure ? (
            <Alert color="red" title="Not saved" role="alert">
              {failure}
            </Alert>
          ) : null}
          <Radio.Group label="When an external user loses their last access package assignment" value={form.action} onChange={(action) => set({ action: action as LifecycleForm['action'] })} error={errors.externalUserLifecycleAction}>
            <Stack gap="sm" mt="xs">
              {actions.map((action) => (
                <Radio key={action.value} value={action.value} label={action.label} description={action.description} disabled={!editable} />
              ))}
            </Stack>
          </Radio.Group>
          {form.action === 'blockSignInAndDelete' ? (
            <NumberInput
              label="Days before they are deleted"
              description={kept ? `Now ${formatDuration(kept)}; enter days to change it.` : `1 to ${maxDaysBeforeDeletion} days after their sign-in is blocked.`}
              clampBehavior="none"
              min={1}
              max={maxDaysBeforeDeletion}
              allowDecimal={false}
              value={form.days}
              onChange={(value) => set({ days: value === '' ? '' : Number(value) })}
              error={errors.durationUntilExternalUserDeletedAfterBlocked}
              readOnly={!editable}
              w={260}
            />
          ) : null}
          {editable ? (
            <Group justify="flex-end">
              <Button type="submit" loading={saving}>
                Save
              </Button>
            </Group>
          ) : (
            <Text size="sm" c="dimmed">
              You can see this setting; Global and Identity Governance Administrators change it.
            </Text>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
