import { Table, Text } from '@mantine/core';
import type { AuditEntry } from '../../api/graph';
import { formatDateTime } from '../../components/formatting';

/** Audit entries as a table: when, what, who, on what, and whether it succeeded. */
export function AuditTable({ entries, caption }: { entries: AuditEntry[]; caption: string }) {
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>When</Table.Th>
            <Table.Th>Activity</Table.Th>
            <Table.Th>By</Table.Th>
            <Table.Th>Targets</Table.Th>
            <Table.Th>Result</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((entry) => (
            <Table.Tr key={entry.id} data-testid="audit-entry">
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(entry.activityDateTime)}</Table.Td>
              <Table.Td>{entry.activityDisplayName}</Table.Td>
              <Table.Td>{entry.initiatedBy.user?.displayName ?? entry.initiatedBy.app?.displayName ?? '—'}</Table.Td>
              <Table.Td>
                <Text size="sm">{entry.targetResources.map((target) => target.displayName ?? target.id).join(', ')}</Text>
              </Table.Td>
              <Table.Td>
                {entry.result}
                {entry.resultReason ? ` — ${entry.resultReason}` : ''}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
