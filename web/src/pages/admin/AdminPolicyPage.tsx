import { notify } from '../../components/notify';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { accessPackage } from '../../api/queries';
import { useSession } from '../../api/session';
import { organizationNames, organizationSearch } from '../../features/connected-organizations/connected-organization-api';
import { PolicyEditor } from '../../features/policy-editor/PolicyEditor';
import { emptyPolicyForm, mergedPolicyBody, policyBody, policyFormFrom, unnamedOrganizations, withOrganizationNames, type PolicyJson } from '../../features/policy-editor/policy-form';
import { PageHeader } from '../../components/Layout';
import { QueryState } from '../../components/QueryState';
import { directorySearch } from './directory-search';

const policies = '/v1.0/identityGovernance/entitlementManagement/assignmentPolicies';

/** Creates a policy for a package (/admin/access-packages/{id}/policies/new) or edits one (/admin/access-packages/{id}/policies/{policyId}). */
export function AdminPolicyPage() {
  const { id = '', policyId = 'new' } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const creating = policyId === 'new';
  // Policies for people outside need the catalog enabled for external users; the editor offers them then.
  const packageQuery = useQuery({ queryKey: ['admin', 'package-with-catalog', id], queryFn: () => accessPackage(id) });
  const externalUsersAllowed = packageQuery.data?.catalog?.isExternallyVisible ?? false;
  // Connected organizations are listed to those who may read them (governance administrators and readers).
  const canReadOrganizations = useSession().adminCenter.connectedOrganizations;
  const directory = canReadOrganizations ? { ...directorySearch, connectedOrganizations: organizationSearch } : directorySearch;
  const existing = useQuery({ queryKey: ['admin', 'policy', policyId], queryFn: () => unwrap<PolicyJson>(api.GET(`${policies}/{id}`, { params: { path: { id: policyId } } })), enabled: !creating, staleTime: 0 });
  // A policy made through the API may name an organization by id only: its name is looked up to show.
  const unnamed = existing.data ? unnamedOrganizations(policyFormFrom(existing.data)) : [];
  const names = useQuery({ queryKey: ['admin', 'organization-names', ...unnamed], queryFn: () => organizationNames(unnamed), enabled: canReadOrganizations && unnamed.length > 0 });
  const namesSettled = !canReadOrganizations || unnamed.length === 0 || !names.isPending;
  const back = () => navigate(`/admin/access-packages/${id}`);
  const save = async (form: Parameters<typeof policyBody>[0]) => {
    const body = policyBody(form, id);
    if (creating) await unwrap(api.POST(policies, { body }));
    else await unwrap(api.PUT(`${policies}/{id}`, { params: { path: { id: policyId } }, body: mergedPolicyBody(existing.data!, body) }));
    // The next edit starts from what is stored now, not from this page's copy.
    queryClient.removeQueries({ queryKey: ['admin', 'policy', policyId] });
    await queryClient.invalidateQueries({ queryKey: ['admin', 'policies', id] });
    notify({ color: 'green', title: creating ? 'Policy created' : 'Policy saved', message: form.displayName.trim() });
    back();
  };
  if (creating) {
    return (
      <>
        <PageHeader title="New policy" lead="Who may request this package, who approves, for how long, and what requesters are asked." />
        <PolicyEditor initial={emptyPolicyForm()} directory={directory} onSave={save} onCancel={back} saveLabel="Create policy" externalUsersAllowed={externalUsersAllowed} />
      </>
    );
  }
  return (
    <QueryState query={{ isPending: existing.isPending || !namesSettled, error: existing.error, data: existing.data }} loading="Loading the policy…">
      {(policy) => (
        <>
          <PageHeader title={`Edit ${policy.displayName}`} lead="Changes apply to new requests; requests already made keep the policy they were made under." />
          <PolicyEditor key={existing.dataUpdatedAt} initial={withOrganizationNames(policyFormFrom(policy), names.data ?? new Map())} directory={directory} onSave={save} onCancel={back} externalUsersAllowed={externalUsersAllowed} />
        </>
      )}
    </QueryState>
  );
}
