import { Button, Group, Select, TextInput } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { PageHeader } from '../../components/Layout';
import { EmptyState, QueryState } from '../../components/QueryState';
import { auditEntries, nextSkipToken, odataString } from './admin-queries';
import { AuditTable } from './AuditTable';

type Filters = { activity: string; initiatedBy: string; category: string | null; result: string | null; from: string; to: string };
const none: Filters = { activity: '', initiatedBy: '', category: null, result: null, from: '', to: '' };

/** The filters as one OData $filter; every value is a quoted literal, so what is typed stays a value. */
export function auditFilter(filters: Filters): string | undefined {
  const clauses = [
    filters.activity.trim() ? `contains(activityDisplayName,${odataString(filters.activity.trim())})` : null,
    filters.initiatedBy.trim() ? `initiatedBy/user/userPrincipalName eq ${odataString(filters.initiatedBy.trim())}` : null,
    filters.category ? `category eq ${odataString(filters.category)}` : null,
    filters.result ? `result eq ${odataString(filters.result)}` : null,
    filters.from ? `activityDateTime ge ${new Date(`${filters.from}T00:00:00`).toISOString()}` : null,
    filters.to ? `activityDateTime le ${new Date(`${filters.to}T23:59:59`).toISOString()}` : null,
  ].filter(Boolean);
  return clauses.length ? clauses.join(' and ') : undefined;
}

/** The audit log, newest first, with the filters an auditor reaches for. */
export function AdminAuditPage() {
  const [draft, setDraft] = useState<Filters>(none);
  const [filters, setFilters] = useState<Filters>(none);
  const [pages, setPages] = useState<(string | undefined)[]>([undefined]);
  const filter = auditFilter(filters);
  const skipToken = pages[pages.length - 1];
  const query = useQuery({ queryKey: ['admin', 'audit', filter, skipToken], queryFn: () => auditEntries(filter, skipToken), placeholderData: keepPreviousData });
  const apply = (next: Filters) => {
    setFilters(next);
    setPages([undefined]);
  };
  return (
    <>
      <PageHeader title="Audit log" lead="Every change Tessera made, and who made it. Entries cannot be changed or removed." />
      <Group component="form" align="flex-end" mb="md" wrap="wrap" onSubmit={(event) => (event.preventDefault(), apply(draft))}>
        <TextInput label="Activity contains" value={draft.activity} onChange={(event) => setDraft({ ...draft, activity: event.currentTarget.value })} maxLength={200} />
        <TextInput label="Done by (user principal name)" value={draft.initiatedBy} onChange={(event) => setDraft({ ...draft, initiatedBy: event.currentTarget.value })} maxLength={320} />
        <Select label="Category" data={['EntitlementManagement', 'UserManagement', 'GroupManagement', 'RoleManagement']} value={draft.category} onChange={(category) => setDraft({ ...draft, category })} clearable w={200} />
        <Select label="Result" data={['success', 'failure']} value={draft.result} onChange={(result) => setDraft({ ...draft, result })} clearable w={130} />
        <TextInput type="date" label="From" value={draft.from} onChange={(event) => setDraft({ ...draft, from: event.currentTarget.value })} />
        <TextInput type="date" label="To" value={draft.to} onChange={(event) => setDraft({ ...draft, to: event.currentTarget.value })} />
        <Button type="submit">Apply filters</Button>
        <Button variant="subtle" onClick={() => (setDraft(none), apply(none))}>
          Clear
        </Button>
      </Group>
      <QueryState query={query} loading="Loading the audit log…">
        {(page) =>
          page.value.length === 0 ? (
            <EmptyState title="No entries match these filters" />
          ) : (
            <>
              <AuditTable entries={page.value} caption={`Page ${pages.length}, newest first`} />
              <Group justify="flex-end" gap="xs" mt="sm">
                <Button variant="default" size="xs" disabled={pages.length === 1} onClick={() => setPages(pages.slice(0, -1))}>
                  Previous
                </Button>
                <Button variant="default" size="xs" disabled={!nextSkipToken(page)} onClick={() => setPages([...pages, nextSkipToken(page)])}>
                  Next
                </Button>
              </Group>
            </>
          )
        }
      </QueryState>
    </>
  );
}
