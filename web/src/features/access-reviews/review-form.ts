import type { AccessReviewDefinition, AccessReviewQueryScope, ReviewRecurrence } from '../../api/graph';
import type { paths } from '../../api/schema';
import { formatDate } from '../../components/formatting';
import type { SubjectSet } from '../policy-editor/policy-form';
// The server's own rule for which settings take access from people nobody looked at (pure, no I/O):
// the portal warns with the same words the server's domain uses, never a copy that could drift.
import { settingsWarnings } from '../../../../src/domain/access-review-outcome';

/**
 * The access review editor's state and rules, apart from React: the form an administrator fills
 * in, the checks that put a message next to each field before anything is sent, and the Graph body
 * (accessReviewScheduleDefinition) it becomes. Field errors are keyed by the Graph path of what
 * they are about (e.g. `settings.recurrence.range.endDate`), the `target` the server gives its own
 * refusals, so a problem found by either side lands next to the same field.
 */
export type DefinitionBody = paths['/v1.0/identityGovernance/accessReviews/definitions']['post']['requestBody']['content']['application/json'];

/** A person, or the members of a group, chosen by name (the policy editor's subject sets of those two kinds). */
export type Party = Extract<SubjectSet, { kind: 'singleUser' | 'groupMembers' }>;
export const isParty = (set: SubjectSet): set is Party => set.kind === 'singleUser' || set.kind === 'groupMembers';

export type ReviewerKind = 'managers' | 'groupOwners' | 'specific' | 'self';
export type Frequency = 'once' | 'weekly' | 'monthly' | 'quarterly' | 'semiAnnually' | 'annually';
export type DefaultDecisionChoice = 'None' | 'Approve' | 'Deny' | 'Recommendation';

export type ReviewForm = {
  displayName: string;
  descriptionForAdmins: string;
  descriptionForReviewers: string;
  /** What is reviewed: the members of a group, or the assignments of an access package. */
  scope: { kind: 'group' | 'accessPackage'; id: string | null; label: string };
  reviewerKind: ReviewerKind;
  /** With reviewerKind specific: the people, and the members of the groups, who review. */
  reviewers: Party[];
  /** With managers or group owners: who reviews someone without one. */
  fallbackReviewers: Party[];
  durationInDays: number | '';
  frequency: Frequency;
  startDate: string;
  end: 'never' | 'onDate' | 'after';
  endDate: string;
  occurrences: number | '';
  mailNotificationsEnabled: boolean;
  reminderNotificationsEnabled: boolean;
  justificationRequiredOnApproval: boolean;
  recommendationsEnabled: boolean;
  lookBackDays: number | '';
  /** What happens to those nobody decided: None keeps them as they are. */
  defaultDecision: DefaultDecisionChoice;
  autoApplyDecisionsEnabled: boolean;
};

export const frequencies: { value: Frequency; label: string }[] = [
  { value: 'once', label: 'One time' },
  { value: 'weekly', label: 'Weekly' },
  { value: 'monthly', label: 'Monthly' },
  { value: 'quarterly', label: 'Quarterly' },
  { value: 'semiAnnually', label: 'Semi-annually' },
  { value: 'annually', label: 'Annually' },
];

/** Graph's patterns for each frequency (monthly, quarterly and semi-annual are absoluteMonthly with interval 1, 3, 6). */
const patterns: Record<Exclude<Frequency, 'once'>, NonNullable<ReviewRecurrence['pattern']>> = {
  weekly: { type: 'weekly', interval: 1 },
  monthly: { type: 'absoluteMonthly', interval: 1 },
  quarterly: { type: 'absoluteMonthly', interval: 3 },
  semiAnnually: { type: 'absoluteMonthly', interval: 6 },
  annually: { type: 'absoluteYearly', interval: 1 },
};
/** The fewest days between two instances: an instance may not last longer (the server's rule too). */
const shortestPeriodDays: Record<Frequency, number> = { once: 180, weekly: 7, monthly: 28, quarterly: 84, semiAnnually: 168, annually: 180 };
export const maxDurationDays = 180;
export const maxLookBackDays = 365;

export const emptyReviewForm = (today: string): ReviewForm => ({
  displayName: '',
  descriptionForAdmins: '',
  descriptionForReviewers: '',
  scope: { kind: 'group', id: null, label: '' },
  reviewerKind: 'managers',
  reviewers: [],
  fallbackReviewers: [],
  durationInDays: 14,
  frequency: 'quarterly',
  startDate: today,
  end: 'never',
  endDate: '',
  occurrences: '',
  mailNotificationsEnabled: true,
  reminderNotificationsEnabled: true,
  justificationRequiredOnApproval: true,
  recommendationsEnabled: true,
  lookBackDays: 30,
  defaultDecision: 'None',
  autoApplyDecisionsEnabled: false,
});

export type FieldErrors = Record<string, string>;

const isWholeIn = (value: number | '', min: number, max: number): value is number => value !== '' && Number.isInteger(value) && value >= min && value <= max;
const isDate = (text: string) => /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text;

/** Every problem a person can fix before saving, keyed by the Graph path of the field. `today` is yyyy-mm-dd; a stored start date may stay in the past. */
export function reviewFormErrors(form: ReviewForm, today: string, storedStartDate?: string): FieldErrors {
  const errors: FieldErrors = {};
  const name = form.displayName.trim();
  if (name === '') errors.displayName = 'Give the review a name.';
  else if (name.length > 256) errors.displayName = 'Keep the name under 256 characters.';
  if (form.descriptionForAdmins.length > 1024) errors.descriptionForAdmins = 'Keep the description under 1,024 characters.';
  if (form.descriptionForReviewers.length > 1024) errors.descriptionForReviewers = 'Keep the description under 1,024 characters.';
  if (!form.scope.id) errors['scope.query'] = form.scope.kind === 'group' ? 'Choose the group whose members are reviewed.' : 'Choose the access package whose assignments are reviewed.';
  if (form.reviewerKind === 'specific' && form.reviewers.length === 0) errors.reviewers = 'Add at least one reviewer.';
  if (form.reviewerKind === 'groupOwners' && form.scope.kind !== 'group') errors.reviewers = 'Group owners review a group: choose another kind of reviewer for an access package.';
  if (form.reviewers.length > 25 && form.reviewerKind === 'specific') errors.reviewers = 'At most 25 reviewers; add a group instead of its members.';
  if (form.fallbackReviewers.length > 25) errors.fallbackReviewers = 'At most 25 fallback reviewers.';
  const longest = Math.min(maxDurationDays, shortestPeriodDays[form.frequency]);
  if (!isWholeIn(form.durationInDays, 1, longest)) {
    errors['settings.instanceDurationInDays'] = longest < maxDurationDays ? `A ${frequencyLabel(form.frequency).toLowerCase()} review lasts 1 to ${longest} days, so that it ends before the next one starts.` : `A review lasts 1 to ${longest} days.`;
  }
  if (!isDate(form.startDate)) errors['settings.recurrence.range.startDate'] = 'Choose the date the review starts.';
  else if (form.startDate < today && form.startDate !== storedStartDate) errors['settings.recurrence.range.startDate'] = 'Choose today or a later date.';
  if (form.frequency !== 'once' && form.end === 'onDate') {
    if (!isDate(form.endDate)) errors['settings.recurrence.range.endDate'] = 'Choose the date after which no review starts.';
    else if (isDate(form.startDate) && form.endDate < form.startDate) errors['settings.recurrence.range.endDate'] = 'The end date comes after the start date.';
  }
  if (form.frequency !== 'once' && form.end === 'after' && !isWholeIn(form.occurrences, 1, 1000)) errors['settings.recurrence.range.numberOfOccurrences'] = 'Say how many times the review runs: 1 to 1,000.';
  if (form.recommendationsEnabled && !isWholeIn(form.lookBackDays, 1, maxLookBackDays)) errors['settings.recommendationLookBackDuration'] = `Look back 1 to ${maxLookBackDays} days.`;
  return errors;
}

export const frequencyLabel = (frequency: Frequency) => frequencies.find((f) => f.value === frequency)!.label;

const userQuery = (id: string) => `/users/${id}`;
const groupMembersQuery = (id: string) => `/groups/${id}/transitiveMembers`;
const packageQuery = (id: string) => `/identityGovernance/entitlementManagement/accessPackageAssignments?$filter=(accessPackageId eq '${id}')`;
const queryScope = (query: string, queryRoot: string | null = null): AccessReviewQueryScope => ({ query, queryType: 'MicrosoftGraph', queryRoot });
const partyScope = (party: Party) => queryScope(party.kind === 'singleUser' ? userQuery(party.id) : groupMembersQuery(party.id));

/** The settings the outcome warnings are about, as the server's rule takes them. */
export const outcomeSettingsOf = (form: Pick<ReviewForm, 'defaultDecision' | 'autoApplyDecisionsEnabled'>) => ({
  defaultDecisionEnabled: form.defaultDecision !== 'None',
  defaultDecision: form.defaultDecision === 'None' ? null : form.defaultDecision,
  autoApplyDecisionsEnabled: form.autoApplyDecisionsEnabled,
});

/** What to warn about before saving: settings that take access from people nobody looked at. */
export const reviewWarnings = (form: Pick<ReviewForm, 'defaultDecision' | 'autoApplyDecisionsEnabled'>): string[] => settingsWarnings(outcomeSettingsOf(form));

/** The recurrence as Graph writes it. A one-time review has no pattern (and one occurrence). */
export function recurrenceOf(form: Pick<ReviewForm, 'frequency' | 'startDate' | 'end' | 'endDate' | 'occurrences'>): ReviewRecurrence {
  if (form.frequency === 'once') return { pattern: null, range: { type: 'numbered', startDate: form.startDate, endDate: null, numberOfOccurrences: 1 } };
  const range: ReviewRecurrence['range'] =
    form.end === 'onDate'
      ? { type: 'endDate', startDate: form.startDate, endDate: form.endDate, numberOfOccurrences: null }
      : form.end === 'after'
        ? { type: 'numbered', startDate: form.startDate, endDate: null, numberOfOccurrences: Number(form.occurrences) }
        : { type: 'noEnd', startDate: form.startDate, endDate: null, numberOfOccurrences: null };
  return { pattern: { ...patterns[form.frequency] }, range };
}

/** The body of POST (and PUT) …/accessReviews/definitions. Call it only when reviewFormErrors found nothing. */
export function definitionBody(form: ReviewForm): DefinitionBody {
  const scopeId = form.scope.id!;
  const reviewers: AccessReviewQueryScope[] =
    form.reviewerKind === 'managers' ? [queryScope('./manager', 'decisions')] : form.reviewerKind === 'groupOwners' ? [queryScope(`/groups/${scopeId}/owners`)] : form.reviewerKind === 'specific' ? form.reviewers.map(partyScope) : [];
  const withFallbacks = form.reviewerKind === 'managers' || form.reviewerKind === 'groupOwners';
  const outcome = outcomeSettingsOf(form);
  return {
    displayName: form.displayName.trim(),
    descriptionForAdmins: form.descriptionForAdmins.trim() || null,
    descriptionForReviewers: form.descriptionForReviewers.trim() || null,
    scope: { '@odata.type': '#microsoft.graph.accessReviewQueryScope', ...queryScope(form.scope.kind === 'group' ? groupMembersQuery(scopeId) : packageQuery(scopeId)) },
    reviewers,
    fallbackReviewers: withFallbacks ? form.fallbackReviewers.map(partyScope) : [],
    settings: {
      mailNotificationsEnabled: form.mailNotificationsEnabled,
      reminderNotificationsEnabled: form.mailNotificationsEnabled && form.reminderNotificationsEnabled,
      justificationRequiredOnApproval: form.justificationRequiredOnApproval,
      defaultDecisionEnabled: outcome.defaultDecisionEnabled,
      defaultDecision: form.defaultDecision,
      instanceDurationInDays: Number(form.durationInDays),
      autoApplyDecisionsEnabled: form.autoApplyDecisionsEnabled,
      recommendationsEnabled: form.recommendationsEnabled,
      recommendationLookBackDuration: form.recommendationsEnabled ? `P${Number(form.lookBackDays)}D` : null,
      recurrence: recurrenceOf(form),
    },
  };
}

/** What a stored scope reviews, parsed from its query (the queries definitionBody writes, and Entra's guests-only variant). */
export type ParsedScope = { kind: 'group'; id: string; guestsOnly: boolean } | { kind: 'accessPackage'; id: string } | { kind: 'other'; query: string };
export function parseScope(scope: AccessReviewQueryScope): ParsedScope {
  const query = scope.query.replace(/^\/(?:v1\.0|beta)(?=\/)/, '');
  const group = /^\/groups\/([^/]+)\/transitiveMembers(\/.*)?$/.exec(query);
  if (group) return { kind: 'group', id: group[1]!, guestsOnly: Boolean(group[2]?.includes("userType eq 'Guest'")) };
  const accessPackage = /accessPackageAssignments\?\$filter=\(accessPackageId eq '([^']+)'/.exec(query);
  if (accessPackage) return { kind: 'accessPackage', id: accessPackage[1]! };
  return { kind: 'other', query: scope.query };
}

/** "Members of IT Team", "Guests in IT Team", "Assignments of Production access": what a review is about, by the name found for it. */
export function describeReviewed(scope: AccessReviewQueryScope, name: string | null): string {
  const parsed = parseScope(scope);
  if (parsed.kind === 'group') return `${parsed.guestsOnly ? 'Guests in' : 'Members of'} ${name ?? 'a group'}`;
  if (parsed.kind === 'accessPackage') return `Assignments of ${name ?? 'an access package'}`;
  return name ?? scope.query;
}

/** Who a reviewer query names. */
export type ParsedReviewer = { kind: 'manager' } | { kind: 'user'; id: string } | { kind: 'groupMembers'; id: string } | { kind: 'groupOwners'; id: string } | { kind: 'other'; query: string };
export function parseReviewer(reviewer: AccessReviewQueryScope): ParsedReviewer {
  const query = reviewer.query.replace(/^\/(?:v1\.0|beta)(?=\/)/, '');
  if (query === './manager') return { kind: 'manager' };
  let match = /^\/users\/([^/]+)$/.exec(query);
  if (match) return { kind: 'user', id: match[1]! };
  match = /^\/groups\/([^/]+)\/owners$/.exec(query);
  if (match) return { kind: 'groupOwners', id: match[1]! };
  match = /^\/groups\/([^/]+)\/(?:transitiveMembers|members)$/.exec(query);
  if (match) return { kind: 'groupMembers', id: match[1]! };
  return { kind: 'other', query: reviewer.query };
}

/** The reviewer choice a stored definition makes (its first stage's, for a multi-stage review). */
export function reviewerKindOf(definition: Pick<AccessReviewDefinition, 'reviewers'>): ReviewerKind {
  const parsed = definition.reviewers.map(parseReviewer);
  if (parsed.length === 0) return 'self';
  if (parsed.some((r) => r.kind === 'manager')) return 'managers';
  if (parsed.every((r) => r.kind === 'groupOwners')) return 'groupOwners';
  return 'specific';
}

/** "Managers", "Group owners", "Self-review", "2 reviewers": who reviews, in a word. */
export function describeReviewers(definition: Pick<AccessReviewDefinition, 'reviewers' | 'stageSettings'>): string {
  const stages = definition.stageSettings?.length ?? 0;
  // A multi-stage review names its reviewers in each stage.
  const reviewers = stages ? (definition.stageSettings![0]!.reviewers ?? []) : definition.reviewers;
  const kind = reviewerKindOf({ reviewers });
  const first = kind === 'managers' ? 'Managers' : kind === 'groupOwners' ? 'Group owners' : kind === 'self' ? 'Self-review' : reviewers.length === 1 ? '1 reviewer' : `${reviewers.length} reviewers`;
  return stages > 1 ? `${stages} stages; first: ${first.toLowerCase()}` : first;
}

/** How long each instance lasts: the stages' sum for a multi-stage review. */
export const instanceDays = (definition: Pick<AccessReviewDefinition, 'settings' | 'stageSettings'>) => (definition.stageSettings?.length ? definition.stageSettings.reduce((sum, stage) => sum + stage.durationInDays, 0) : definition.settings.instanceDurationInDays);

/** The frequency a stored recurrence has; null when it is one the editor does not offer (e.g. every 2 weeks). */
export function frequencyOf(recurrence: ReviewRecurrence): Frequency | null {
  const pattern = recurrence.pattern;
  if (!pattern) return 'once';
  const found = (Object.entries(patterns) as [Exclude<Frequency, 'once'>, NonNullable<ReviewRecurrence['pattern']>][]).find(([, p]) => p.type === pattern.type && p.interval === pattern.interval);
  return found ? found[0] : null;
}

/** "Quarterly from 1 Jul 2026, never ends", "One time on 1 Jul 2026", "Every 2 weeks from …, 4 times". */
export function describeSchedule(recurrence: ReviewRecurrence): string {
  const start = formatDate(`${recurrence.range.startDate}T00:00:00Z`);
  const pattern = recurrence.pattern;
  if (!pattern) return `One time, on ${start}`;
  const frequency = frequencyOf(recurrence);
  const every = frequency ? frequencyLabel(frequency) : pattern.type === 'weekly' ? `Every ${pattern.interval} weeks` : pattern.type === 'absoluteMonthly' ? `Every ${pattern.interval} months` : `Every ${pattern.interval} years`;
  const range = recurrence.range;
  const end =
    range.type === 'endDate' && range.endDate ? `until ${formatDate(`${range.endDate}T00:00:00Z`)}` : range.type === 'numbered' ? `${range.numberOfOccurrences ?? 0} ${range.numberOfOccurrences === 1 ? 'time' : 'times'}` : 'no end';
  return `${every} from ${start}, ${end}`;
}

export const defaultDecisionLabels: Record<DefaultDecisionChoice, string> = {
  None: 'No change: access stays',
  Approve: 'Approve access',
  Deny: 'Remove access',
  Recommendation: 'Take the recommendations',
};

/** What a stored definition does with the people nobody decided: its default decision, None when that is off. */
export const defaultDecisionOf = (definition: Pick<AccessReviewDefinition, 'settings'>): DefaultDecisionChoice => {
  const { defaultDecisionEnabled, defaultDecision } = definition.settings;
  return defaultDecisionEnabled && defaultDecision && defaultDecision !== 'None' ? defaultDecision : 'None';
};
