import { Button, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * Previous and Next under a paged list. The pages walked so far are kept as their skip tokens
 * (undefined for the first), so Previous goes back without the server knowing about it.
 */
export function PageButtons({ pages, setPages, next, summary, mt }: { pages: (string | undefined)[]; setPages: (pages: (string | undefined)[]) => void; next: string | undefined; summary?: ReactNode; mt?: string }) {
  return (
    <Group justify="space-between" {...(mt ? { mt } : {})}>
      <Text size="sm" c="dimmed">
        {summary}Page {pages.length}
      </Text>
      <Group gap="xs">
        <Button variant="default" size="xs" disabled={pages.length === 1} onClick={() => setPages(pages.slice(0, -1))}>
          Previous
        </Button>
        <Button variant="default" size="xs" disabled={!next} onClick={() => setPages([...pages, next])}>
          Next
        </Button>
      </Group>
    </Group>
  );
}
