import { Badge, Button, Checkbox, Group, Modal, Paper, Radio, Stack, Table, Text, Textarea, VisuallyHidden } from '@mantine/core';
import { Fragment, useEffect, useId, useState } from 'react';
import type { AccessReviewDecision } from '../../api/graph';
import { formatDate, formatDateTime } from '../../components/formatting';
import { ErrorAlert, Loading } from '../../components/QueryState';
import { StateBadge } from '../../components/StateBadge';
import { acceptedJustification, acceptRecommendationsPlan, answerLabels, justificationProblem, planSize, recommendationLabels, type Answer, type RecommendationPlan } from './review-decisions';

/** One decision to record: a person's, with the answer and the reason. */
export type DecisionChange = { decision: AccessReviewDecision; answer: Answer; justification: string };
/** Records changes (one call each); says how many went through and the first failure. */
export type RecordDecisions = (changes: DecisionChange[]) => Promise<{ done: number; error: unknown }>;
/** Accepts every recommendation left to accept, in one call; rejects with the server's refusal. */
export type AcceptRecommendations = () => Promise<void>;

const answers: Answer[] = ['Approve', 'Deny', 'DontKnow'];
/** A decision as StateBadge names it (Approved and Denied, as approvals have them). */
export const decisionStates: Record<AccessReviewDecision['decision'], string> = { Approve: 'Approved', Deny: 'Denied', DontKnow: 'DontKnow', NotReviewed: 'NotReviewed' };
const recommendationColors: Record<AccessReviewDecision['recommendation'], string> = { Approve: 'green', Deny: 'red', NotAvailable: 'gray' };

/**
 * A reviewer's decisions in one review: a row per person with the recommendation, its reason and
 * the last sign-in; each decided (or changed) on its own row, or several at once (the selected
 * rows, or every recommendation accepted, after saying what that will do). Read-only once the
 * review has ended.
 */
export function ReviewDecisions({
  decisions,
  open,
  justificationRequired,
  recommendationsEnabled,
  record,
  acceptRecommendations,
  loadUndecided,
}: {
  decisions: AccessReviewDecision[];
  open: boolean;
  justificationRequired: boolean;
  recommendationsEnabled: boolean;
  record: RecordDecisions;
  acceptRecommendations: AcceptRecommendations;
  loadUndecided: () => Promise<AccessReviewDecision[]>;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  // When a row's form closes (saved or cancelled), the keyboard goes back to the row's button.
  const prefix = useId();
  const toggleId = (id: string) => `${prefix}-decide-${id}`;
  const closeEditor = (id: string) => {
    setEditing(null);
    requestAnimationFrame(() => document.getElementById(toggleId(id))?.focus());
  };
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [accepting, setAccepting] = useState(false);
  const chosen = decisions.filter((d) => selected.has(d.id));
  const allSelected = decisions.length > 0 && chosen.length === decisions.length;
  const toggle = (id: string, on: boolean) => setSelected((current) => (on ? new Set([...current, id]) : new Set([...current].filter((other) => other !== id))));
  const columns = open ? 6 : 4;
  return (
    <Stack>
      {open && recommendationsEnabled ? (
        <Group justify="flex-end">
          <Button variant="light" onClick={() => setAccepting(true)}>
            Accept recommendations
          </Button>
        </Group>
      ) : null}
      {open && chosen.length > 0 ? <BulkDecision chosen={chosen} justificationRequired={justificationRequired} record={record} onDone={() => setSelected(new Set())} /> : null}
      <Table.ScrollContainer minWidth={720}>
        <Table striped aria-label="Decisions">
          <Table.Thead>
            <Table.Tr>
              {open ? (
                <Table.Th w={40}>
                  <Checkbox aria-label="Select everyone shown" checked={allSelected} indeterminate={chosen.length > 0 && !allSelected} onChange={(event) => setSelected(event.currentTarget.checked ? new Set(decisions.map((d) => d.id)) : new Set())} />
                </Table.Th>
              ) : null}
              <Table.Th>Person</Table.Th>
              <Table.Th>Recommendation</Table.Th>
              <Table.Th>Last sign-in</Table.Th>
              <Table.Th>Decision</Table.Th>
              {open ? (
                <Table.Th>
                  <VisuallyHidden>Action</VisuallyHidden>
                </Table.Th>
              ) : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {decisions.map((d) => (
              <Fragment key={d.id}>
                <Table.Tr data-testid="review-decision">
                  {open ? (
                    <Table.Td>
                      <Checkbox aria-label={`Select ${d.principal.displayName}`} checked={selected.has(d.id)} onChange={(event) => toggle(d.id, event.currentTarget.checked)} />
                    </Table.Td>
                  ) : null}
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {d.principal.displayName}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {d.principal.userPrincipalName}
                    </Text>
                  </Table.Td>
                  <Table.Td maw={320}>
                    <Badge color={recommendationColors[d.recommendation]} variant="dot" radius="sm" tt="none">
                      {recommendationLabels[d.recommendation]}
                    </Badge>
                    {d.recommendationReason ? (
                      <Text size="xs" c="dimmed" mt={2}>
                        {d.recommendationReason}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{d.insights[0]?.lastSignInDateTime ? formatDate(d.insights[0].lastSignInDateTime) : 'Never'}</Table.Td>
                  <Table.Td>
                    <DecisionSummary decision={d} />
                  </Table.Td>
                  {open ? (
                    <Table.Td>
                      <Button id={toggleId(d.id)} size="compact-sm" variant={editing === d.id ? 'filled' : 'light'} onClick={() => setEditing(editing === d.id ? null : d.id)} aria-expanded={editing === d.id} aria-label={`${d.decision === 'NotReviewed' ? 'Decide for' : 'Change the decision for'} ${d.principal.displayName}`}>
                        {d.decision === 'NotReviewed' ? 'Decide' : 'Change'}
                      </Button>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
                {open && editing === d.id ? (
                  <Table.Tr>
                    <Table.Td colSpan={columns}>
                      <DecisionForm decision={d} justificationRequired={justificationRequired} record={record} onDone={() => closeEditor(d.id)} />
                    </Table.Td>
                  </Table.Tr>
                ) : null}
              </Fragment>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {accepting ? <AcceptRecommendationsDialog accept={acceptRecommendations} loadUndecided={loadUndecided} onClose={() => setAccepting(false)} /> : null}
    </Stack>
  );
}

function DecisionSummary({ decision: d }: { decision: AccessReviewDecision }) {
  return (
    <>
      <StateBadge state={decisionStates[d.decision]} />
      {d.decision !== 'NotReviewed' && d.reviewedBy.displayName ? (
        <Text size="xs" c="dimmed" mt={2}>
          by {d.reviewedBy.displayName}
          {d.reviewedDateTime ? `, ${formatDateTime(d.reviewedDateTime)}` : ''}
        </Text>
      ) : null}
      {d.justification ? (
        <Text size="xs" mt={2}>
          “{d.justification}”
        </Text>
      ) : null}
    </>
  );
}

/** The reason field, saying before anything is sent whether the review asks for one. */
function ReasonField({ value, onChange, answer, justificationRequired, error, label = 'Reason' }: { value: string; onChange: (value: string) => void; answer: Answer | null; justificationRequired: boolean; error: string | null; label?: string }) {
  return (
    <Textarea
      label={label}
      description={justificationRequired ? 'This review asks for a reason with each approval.' : 'Kept with the decision; the review’s owners see it.'}
      withAsterisk={justificationRequired && answer === 'Approve'}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      error={error}
      maxLength={1000}
      autosize
      minRows={2}
    />
  );
}

function AnswerChoice({ label, value, onChange }: { label: string; value: Answer | null; onChange: (answer: Answer) => void }) {
  return (
    <Radio.Group label={label} value={value} onChange={(next) => onChange(next as Answer)}>
      <Group mt={6}>
        {answers.map((answer) => (
          <Radio key={answer} value={answer} label={answerLabels[answer]} />
        ))}
      </Group>
    </Radio.Group>
  );
}

function DecisionForm({ decision, justificationRequired, record, onDone }: { decision: AccessReviewDecision; justificationRequired: boolean; record: RecordDecisions; onDone: () => void }) {
  const [answer, setAnswer] = useState<Answer | null>(decision.decision === 'NotReviewed' ? null : decision.decision);
  const [reason, setReason] = useState(decision.justification ?? '');
  const [attempted, setAttempted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const missing = justificationProblem(answer, reason, justificationRequired);
  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (!answer || missing) return;
    setSaving(true);
    const { error } = await record([{ decision, answer, justification: reason }]);
    setSaving(false);
    setFailure(error);
    if (!error) onDone();
  };
  const name = decision.principal.displayName;
  return (
    <Stack component="form" onSubmit={save} gap="sm" aria-label={`Decision for ${name}`}>
      <AnswerChoice label={`Does ${name} still need this access?`} value={answer} onChange={setAnswer} />
      {attempted && !answer ? (
        <Text size="sm" c="red.8" role="alert">
          Choose Approve, Deny or Don't know.
        </Text>
      ) : null}
      <ReasonField value={reason} onChange={setReason} answer={answer} justificationRequired={justificationRequired} error={attempted ? missing : null} />
      <ErrorAlert error={failure} title="Your decision was not recorded" />
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" loading={saving}>
          Save decision
        </Button>
      </Group>
    </Stack>
  );
}

function BulkDecision({ chosen, justificationRequired, record, onDone }: { chosen: AccessReviewDecision[]; justificationRequired: boolean; record: RecordDecisions; onDone: () => void }) {
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [reason, setReason] = useState('');
  const [attempted, setAttempted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<{ done: number; error: unknown } | null>(null);
  const missing = justificationProblem(answer, reason, justificationRequired);
  const people = chosen.length === 1 ? '1 person' : `${chosen.length} people`;
  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (!answer || missing) return;
    setSaving(true);
    const result = await record(chosen.map((decision) => ({ decision, answer, justification: reason })));
    setSaving(false);
    setOutcome(result);
    if (!result.error) {
      setAnswer(null);
      setReason('');
      setAttempted(false);
      onDone();
    }
  };
  return (
    <Paper withBorder p="md" component="form" onSubmit={save} aria-label="Decide for the selected people">
      <Stack gap="sm">
        <Text fw={600}>{people} selected</Text>
        <AnswerChoice label={`Decision for the ${people} selected`} value={answer} onChange={setAnswer} />
        {attempted && !answer ? (
          <Text size="sm" c="red.8" role="alert">
            Choose Approve, Deny or Don't know.
          </Text>
        ) : null}
        <ReasonField value={reason} onChange={setReason} answer={answer} justificationRequired={justificationRequired} error={attempted ? missing : null} />
        {outcome?.error ? <ErrorAlert error={outcome.error} title={outcome.done ? `${outcome.done} recorded, then one was refused` : 'The decisions were not recorded'} /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Clear the selection
          </Button>
          <Button type="submit" loading={saving}>
            Record for {people}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function AcceptRecommendationsDialog({ accept, loadUndecided, onClose }: { accept: AcceptRecommendations; loadUndecided: () => Promise<AccessReviewDecision[]>; onClose: () => void }) {
  const [plan, setPlan] = useState<RecommendationPlan | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  // Read when the dialog opens: every undecided decision, not only the page shown, to say what accepting will do.
  useEffect(() => {
    let current = true;
    loadUndecided().then(
      (undecided) => current && setPlan(acceptRecommendationsPlan(undecided)),
      (error: unknown) => current && setLoadError(error),
    );
    return () => {
      current = false;
    };
  }, [loadUndecided]);
  const size = plan ? planSize(plan) : 0;
  const run = async () => {
    if (size === 0) return;
    setSaving(true);
    setFailure(null);
    try {
      await accept();
      onClose();
    } catch (error) {
      setFailure(error);
      setSaving(false);
    }
  };
  const count = (n: number) => (n === 1 ? '1 person' : `${n} people`);
  return (
    <Modal opened onClose={onClose} title="Accept recommendations">
      <Stack>
        {!plan && !loadError ? <Loading label="Reading the decisions left to make…" /> : null}
        <ErrorAlert error={loadError} title="Could not read the decisions left" />
        {plan ? (
          size === 0 ? (
            <Text>There is no recommendation to accept: everyone with one has been decided.</Text>
          ) : (
            <>
              <Text>Of the people you have not decided yet:</Text>
              <ul style={{ margin: 0 }}>
                {plan.approve.length ? <li>approve {count(plan.approve.length)} recommended for approval</li> : null}
                {plan.deny.length ? <li>deny {count(plan.deny.length)} recommended for denial</li> : null}
              </ul>
              <Text size="sm">Each decision is recorded with the reason “{acceptedJustification}”</Text>
              <Text size="sm" c="dimmed">
                {plan.withoutRecommendation.length ? `${count(plan.withoutRecommendation.length)} without a recommendation stay undecided. ` : ''}
                Decisions you already made stay as they are, and every one can still be changed while the review is open.
              </Text>
            </>
          )
        ) : null}
        <ErrorAlert error={failure} title="The recommendations were not accepted" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={run} loading={saving} disabled={!plan || size === 0}>
            {size ? `Accept ${size} ${size === 1 ? 'recommendation' : 'recommendations'}` : 'Accept'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
