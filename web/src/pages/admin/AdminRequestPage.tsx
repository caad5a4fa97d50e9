import { Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { useSession } from '../../api/session';
import { ApprovalTimeline } from '../../components/ApprovalTimeline';
import { formatDateTime } from '../../components/formatting';
import { describeRequestType } from '../../components/request-types';
import { PageHeader } from '../../components/Layout';
import { EmptyState, QueryState } from '../../components/QueryState';
import { RequestDetails } from '../../components/RequestDetails';
import { StateBadge } from '../../components/StateBadge';
import { auditEntries, odataString, oneRequest } from './admin-queries';
import { AuditTable } from './AuditTable';

/** One request for an administrator: who asked what for whom, its approvals, and every audit entry about it. */
export function AdminRequestPage() {
  const { id = '' } = useParams();
  const session = useSession();
  const request = useQuery({ queryKey: ['admin', 'request', id], queryFn: () => oneRequest(id) });
  const audit = useQuery({ queryKey: ['admin', 'request-audit', id], queryFn: () => auditEntries(`targetResources/id eq ${odataString(id)}`, undefined), enabled: session.adminCenter.auditLog });
  return (
    <QueryState query={request} loading="Loading the request…">
      {(found) => (
        <>
          <PageHeader title={`${found.accessPackage?.displayName ?? 'Request'} for ${found.assignment?.target?.displayName ?? 'someone'}`} lead={`${describeRequestType(found.requestType)} · created ${formatDateTime(found.createdDateTime)}`} actions={<StateBadge state={found.state} />} />
          <Stack>
            <Paper withBorder p="md">
              <Stack>
                <Title order={3} size="h4">
                  Request
                </Title>
                <Text size="sm">Requested by {found.requestor?.displayName ?? 'Tessera'}</Text>
                <RequestDetails request={found} />
                <Title order={3} size="h4">
                  Timeline
                </Title>
                <ApprovalTimeline request={found} />
              </Stack>
            </Paper>
            <Paper withBorder p="md">
              <Title order={3} size="h4" mb="sm">
                Audit entries
              </Title>
              {session.adminCenter.auditLog ? (
                <QueryState query={audit} loading="Loading the audit entries…">
                  {(page) => (page.value.length === 0 ? <EmptyState title="No audit entries" /> : <AuditTable entries={[...page.value].reverse()} caption="Oldest first" />)}
                </QueryState>
              ) : (
                <Text size="sm">Reading the audit log needs a governance administrator or reader role.</Text>
              )}
            </Paper>
          </Stack>
        </>
      )}
    </QueryState>
  );
}
