import { Alert, Center, Loader, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { ApiError } from '../api/client';

/** What a failed call says to a person: the API's message, never a stack trace. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'Something went wrong. Try again; if it keeps happening, tell your administrator.';
}

export function ErrorAlert({ error, title = 'That did not work' }: { error: unknown; title?: string }) {
  if (!error) return null;
  return (
    <Alert color="red" title={title} role="alert">
      {errorMessage(error)}
    </Alert>
  );
}

export function Loading({ label }: { label: string }) {
  return (
    <Center py="xl" aria-busy="true">
      <Stack align="center" gap="xs">
        <Loader aria-hidden="true" />
        <Text c="dimmed" size="sm">
          {label}
        </Text>
      </Stack>
    </Center>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <Stack align="center" gap={4} py="xl">
      <Text fw={600}>{title}</Text>
      {children ? (
        <Text c="dimmed" size="sm" ta="center" maw={480}>
          {children}
        </Text>
      ) : null}
    </Stack>
  );
}

/** Renders a query's loading, error or data state the same way on every page. */
export function QueryState<T>({ query, loading, children }: { query: { isPending: boolean; error: unknown; data: T | undefined }; loading: string; children: (data: T) => ReactNode }) {
  if (query.isPending) return <Loading label={loading} />;
  if (query.error || query.data === undefined) return <ErrorAlert error={query.error} title="Could not load this" />;
  return <>{children(query.data)}</>;
}
