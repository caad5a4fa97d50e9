import { Stack, Text } from '@mantine/core';
import type { AssignmentRequest } from '../api/graph';
import { formatDate } from './formatting';

/** What the requester said: their justification, their answers, the dates they asked for. */
export function RequestDetails({ request }: { request: AssignmentRequest }) {
  const end = request.schedule.expiration.endDateTime;
  return (
    <Stack gap={6}>
      <Text size="sm">
        <Text span fw={600}>
          Justification:{' '}
        </Text>
        {request.justification || 'none given'}
      </Text>
      {request.answers.map((answer) => (
        <Text size="sm" key={`${answer.answeredQuestion.id}-${answer.value}`}>
          <Text span fw={600}>
            {answer.answeredQuestion.text ?? 'Answer'}:{' '}
          </Text>
          {answer.displayValue ?? answer.value}
        </Text>
      ))}
      {request.schedule.startDateTime || end ? (
        <Text size="sm" c="dimmed">
          From {formatDate(request.schedule.startDateTime)}
          {end ? ` until ${formatDate(end)}` : ''}
        </Text>
      ) : null}
    </Stack>
  );
}
