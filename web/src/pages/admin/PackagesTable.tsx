import { Table } from '@mantine/core';
import { Link } from 'react-router';
import type { AccessPackage } from '../../api/graph';

/** A catalog's access packages, each linking to its page; the one table both catalog pages show. */
export function PackagesTable({ packages }: { packages: AccessPackage[] }) {
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Access package</Table.Th>
            <Table.Th>Description</Table.Th>
            <Table.Th>Hidden</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {packages.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td>
                <Link to={`/admin/access-packages/${p.id}`}>{p.displayName}</Link>
              </Table.Td>
              <Table.Td>{p.description}</Table.Td>
              <Table.Td>{p.isHidden ? 'Yes' : 'No'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
