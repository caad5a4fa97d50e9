import { auditedPolicyProperties } from '../../domain/assignment-policy-rules.js';
import type { Executor } from '../../db/database.js';
import type { AssignmentPolicy, SubjectSet } from '../../domain/assignment-policy.js';
import { applySelect, type ResourceShape } from '../../http/odata/query-options.js';
import type { ExpandItem } from '../../http/odata/select-expand-parser.js';
import { accessPackageJson, accessPackageLeafShape } from '../access-packages/access-package-json.js';
import { findAccessPackagesByIds } from '../access-packages/access-packages.repo.js';
import { expanded } from '../catalog-resources/catalog-resource-json.js';
import { catalogJson, catalogShape } from '../catalogs/catalog-json.js';
import { findCatalogsByIds } from '../catalogs/catalogs.repo.js';
import { findConnectedOrganizationsByIds } from '../connected-organizations/connected-organizations.repo.js';
import { findGroupsByIds } from '../groups/groups.repo.js';
import { findUsersByIds } from '../users/users.repo.js';

/**
 * Policies as the API shows them. Questions are shown without $expand (Graph makes them a
 * relationship): a client that reads a policy and PUTs it back must not lose its questions.
 */
export const policyPropertyNames = ['id', ...auditedPolicyProperties, 'createdDateTime', 'modifiedDateTime'] as const;

const questionShape: ResourceShape = {
  name: 'microsoft.graph.accessPackageQuestion',
  properties: ['id', 'text', 'sequence', 'isRequired', 'isAnswerEditable', 'localizations', 'isSingleLineQuestion', 'regexPattern', 'isMultipleSelectionAllowed', 'choices'],
  expandable: {},
};

export const policyShape: ResourceShape = {
  name: 'microsoft.graph.accessPackageAssignmentPolicy',
  properties: policyPropertyNames,
  expandable: { accessPackage: accessPackageLeafShape, catalog: catalogShape, questions: questionShape },
};

type Names = { users: ReadonlyMap<string, string>; groups: ReadonlyMap<string, string>; organizations?: ReadonlyMap<string, string> };

export function policyJson(policy: AssignmentPolicy, names: Names): Record<string, unknown> {
  const subjects = (list: SubjectSet[]) => list.map((subject) => subjectJson(subject, names));
  const approval = policy.requestApprovalSettings;
  return {
    id: policy.id,
    displayName: policy.displayName,
    description: policy.description,
    allowedTargetScope: policy.allowedTargetScope,
    specificAllowedTargets: subjects(policy.specificAllowedTargets),
    automaticRequestSettings: policy.automaticRequestSettings,
    expiration: { endDateTime: null, duration: null, ...policy.expiration },
    requestorSettings: { ...policy.requestorSettings, onBehalfRequestors: subjects(policy.requestorSettings.onBehalfRequestors) },
    requestApprovalSettings: {
      ...approval,
      stages: approval.stages.map((stage) => ({
        ...stage,
        primaryApprovers: subjects(stage.primaryApprovers),
        fallbackPrimaryApprovers: subjects(stage.fallbackPrimaryApprovers),
        escalationApprovers: subjects(stage.escalationApprovers),
        fallbackEscalationApprovers: subjects(stage.fallbackEscalationApprovers),
      })),
    },
    reviewSettings: policy.reviewSettings,
    notificationSettings: policy.notificationSettings,
    questions: policy.questions,
    createdDateTime: policy.createdDateTime,
    modifiedDateTime: policy.modifiedDateTime,
  };
}

/** Graph fills a user's, group's or connected organization's description with its name; a deleted one has none. */
function subjectJson(subject: SubjectSet, names: Names): SubjectSet {
  if (subject['@odata.type'] === '#microsoft.graph.singleUser') return { ...subject, description: names.users.get(subject.userId) ?? null };
  if (subject['@odata.type'] === '#microsoft.graph.groupMembers') return { ...subject, description: names.groups.get(subject.groupId) ?? null };
  if (subject['@odata.type'] === '#microsoft.graph.connectedOrganizationMembers') return { ...subject, description: names.organizations?.get(subject.connectedOrganizationId) ?? null };
  return subject;
}

function namedSubjects(policy: AssignmentPolicy): SubjectSet[] {
  const { specificAllowedTargets, requestorSettings, requestApprovalSettings } = policy;
  const stages = requestApprovalSettings.stages.flatMap((stage) => [...stage.primaryApprovers, ...stage.fallbackPrimaryApprovers, ...stage.escalationApprovers, ...stage.fallbackEscalationApprovers]);
  return [...specificAllowedTargets, ...requestorSettings.onBehalfRequestors, ...stages];
}

/** Renders policies with the names of the people they name, and what $expand asks for, each loaded once. */
export async function renderPolicies(db: Executor, policies: AssignmentPolicy[], expand: readonly ExpandItem[]): Promise<Map<string, Record<string, unknown>>> {
  const subjects = policies.flatMap(namedSubjects);
  const userIds = subjects.flatMap((s) => (s['@odata.type'] === '#microsoft.graph.singleUser' ? [s.userId] : []));
  const groupIds = subjects.flatMap((s) => (s['@odata.type'] === '#microsoft.graph.groupMembers' ? [s.groupId] : []));
  const organizationIds = subjects.flatMap((s) => (s['@odata.type'] === '#microsoft.graph.connectedOrganizationMembers' ? [s.connectedOrganizationId] : []));
  const names: Names = {
    users: new Map((await findUsersByIds(db, userIds)).map((user) => [user.id, user.displayName])),
    groups: new Map((await findGroupsByIds(db, groupIds)).map((group) => [group.id, group.displayName])),
    organizations: new Map((await findConnectedOrganizationsByIds(db, organizationIds)).map((organization) => [organization.id, organization.displayName])),
  };
  const [packageItem, catalogItem, questionsItem] = [expanded(expand, 'accessPackage'), expanded(expand, 'catalog'), expanded(expand, 'questions')];
  const packages = new Map(packageItem ? (await findAccessPackagesByIds(db, policies.map((p) => p.accessPackageId))).map((p) => [p.id, p]) : []);
  const catalogs = new Map(catalogItem ? (await findCatalogsByIds(db, policies.map((p) => p.catalogId))).map((c) => [c.id, c]) : []);
  const rendered = new Map<string, Record<string, unknown>>();
  for (const policy of policies) {
    const json = policyJson(policy, names);
    if (packageItem) {
      const accessPackage = packages.get(policy.accessPackageId);
      json.accessPackage = accessPackage ? applySelect(accessPackageJson(accessPackage), packageItem.select) : null;
    }
    if (catalogItem) {
      const catalog = catalogs.get(policy.catalogId);
      json.catalog = catalog ? applySelect(catalogJson(catalog), catalogItem.select) : null;
    }
    if (questionsItem?.select) json.questions = policy.questions.map((question) => applySelect(question, questionsItem.select));
    rendered.set(policy.id, json);
  }
  return rendered;
}
