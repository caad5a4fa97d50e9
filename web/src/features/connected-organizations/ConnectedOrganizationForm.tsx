import { Button, Fieldset, Group, Input, Paper, Radio, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useId, useState } from 'react';
import { NotSavedAlert, saveRefusal } from '../../components/save-refusal';
import { graphPath, maxDomains, newDomain, organizationFormErrors, type DomainForm, type FieldErrors, type OrganizationForm } from './organization-form';

/**
 * A connected organization's name, description, e-mail domains (each optionally with the partner's
 * OpenID provider) and state. Every problem shows next to its field, whether this form found it or
 * the server refused it (a domain another organization holds, say); nothing is sent while any remains.
 */
export function ConnectedOrganizationForm({ initial, onSave, onCancel, saveLabel = 'Save' }: { initial: OrganizationForm; onSave: (form: OrganizationForm) => Promise<void>; onCancel: () => void; saveLabel?: string }) {
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [attempted, setAttempted] = useState(false);
  const domainsErrorId = useId();
  // Once a save has shown the problems, each message goes as soon as its field is put right.
  const set = (patch: Partial<OrganizationForm>) => {
    const next = { ...form, ...patch };
    setForm(next);
    if (attempted) setErrors(organizationFormErrors(next));
  };
  const setDomain = (index: number, patch: Partial<DomainForm>) => set({ domains: form.domains.map((domain, i) => (i === index ? { ...domain, ...patch } : domain)) });

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    const found = organizationFormErrors(form);
    setErrors(found);
    const count = Object.keys(found).length;
    setFailure(count ? `Fix the ${count === 1 ? 'problem' : `${count} problems`} marked below, then save again.` : null);
    if (count) return;
    setSaving(true);
    try {
      await onSave(form);
    } catch (error) {
      const refusal = saveRefusal(error, 'organization', graphPath);
      setErrors(refusal.errors);
      setFailure(refusal.failure);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form onSubmit={save} noValidate aria-label="Connected organization">
      <Stack>
        <NotSavedAlert failure={failure} />
        <Paper withBorder p="md">
          <Stack>
            <TextInput label="Name" withAsterisk value={form.displayName} onChange={(event) => set({ displayName: event.currentTarget.value })} error={errors.displayName} maxLength={300} />
            <Textarea label="Description" description="Who they are and why they work with you; approvers may read it." value={form.description} onChange={(event) => set({ description: event.currentTarget.value })} error={errors.description} autosize minRows={2} />
          </Stack>
        </Paper>

        <Fieldset legend="E-mail domains" aria-describedby={errors.identitySources ? domainsErrorId : undefined} aria-invalid={errors.identitySources ? true : undefined}>
          <Stack>
            <Text size="sm" c="dimmed">
              Someone belongs to this organization when their e-mail address is at one of these domains, exactly: mail.partner.example is not partner.example, so list each. If the partner signs its people in with its own OpenID provider, give that provider's issuer for the domain.
            </Text>
            {form.domains.map((domain, index) => (
              <Group key={domain.key} align="flex-start" wrap="wrap" gap="sm" data-testid="organization-domain">
                <TextInput label={`Domain ${index + 1}`} withAsterisk placeholder="partner.example" value={domain.domainName} onChange={(event) => setDomain(index, { domainName: event.currentTarget.value })} error={errors[`identitySources[${index}].domainName`]} maxLength={300} w={260} />
                <TextInput
                  label={`OpenID provider issuer for domain ${index + 1} (optional)`}
                  placeholder="https://login.partner.example/"
                  type="url"
                  value={domain.issuerUri}
                  onChange={(event) => setDomain(index, { issuerUri: event.currentTarget.value })}
                  error={errors[`identitySources[${index}].issuerUri`]}
                  maxLength={2048}
                  w={360}
                />
                {form.domains.length > 1 ? (
                  <Button variant="subtle" color="red" mt={26} onClick={() => set({ domains: form.domains.filter((_, i) => i !== index) })} aria-label={`Remove domain ${index + 1}${domain.domainName.trim() ? ` (${domain.domainName.trim()})` : ''}`}>
                    Remove
                  </Button>
                ) : null}
              </Group>
            ))}
            {form.domains.length < maxDomains ? (
              <Group>
                <Button variant="light" onClick={() => set({ domains: [...form.domains, newDomain()] })}>
                  Add a domain
                </Button>
              </Group>
            ) : null}
            {errors.identitySources ? <Input.Error id={domainsErrorId}>{errors.identitySources}</Input.Error> : null}
          </Stack>
        </Fieldset>

        <Paper withBorder p="md">
          <Radio.Group label="State" value={form.state} onChange={(state) => set({ state: state as OrganizationForm['state'] })} error={errors.state}>
            <Stack gap="xs" mt="xs">
              <Radio value="configured" label="Configured" description="Reviewed: its people may request the packages offered to every configured connected organization." />
              <Radio value="proposed" label="Proposed (needs review)" description="Not reviewed yet: its people get only what policies for all external users, or for this organization by name, offer." />
            </Stack>
          </Radio.Group>
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
