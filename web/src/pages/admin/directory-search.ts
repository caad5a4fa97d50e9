import { api, unwrap } from '../../api/client';
import type { Collection } from '../../api/graph';
import type { DirectoryOption } from '../../components/DirectoryPicker';
import type { DirectorySearch } from '../../features/policy-editor/SubjectSetEditor';
import { odataString } from './admin-queries';

/** The pickers' search over the directory: people and groups whose name starts with what was typed. */
export const directorySearch: DirectorySearch = {
  async users(text) {
    const filter = text.trim() ? `startswith(displayName,${odataString(text.trim())}) or startswith(userPrincipalName,${odataString(text.trim())})` : undefined;
    const page = await unwrap<Collection<{ id: string; displayName: string; userPrincipalName: string }>>(api.GET('/v1.0/users', { params: { query: { $top: '20', $select: 'id,displayName,userPrincipalName', ...(filter ? { $filter: filter } : {}) } } }));
    return page.value.map((user) => ({ id: user.id, label: `${user.displayName} (${user.userPrincipalName})` }));
  },
  async groups(text) {
    const filter = text.trim() ? `startswith(displayName,${odataString(text.trim())})` : undefined;
    const page = await unwrap<Collection<{ id: string; displayName: string }>>(api.GET('/v1.0/groups', { params: { query: { $top: '20', $select: 'id,displayName', ...(filter ? { $filter: filter } : {}) } } }));
    return page.value.map((group) => ({ id: group.id, label: group.displayName }));
  },
};

/** Access packages whose name starts with what was typed (those the caller may read). */
export async function packageSearch(text: string): Promise<DirectoryOption[]> {
  const filter = text.trim() ? `startswith(displayName,${odataString(text.trim())})` : undefined;
  const page = await unwrap<Collection<{ id: string; displayName: string }>>(api.GET('/v1.0/identityGovernance/entitlementManagement/accessPackages', { params: { query: { $top: '20', ...(filter ? { $filter: filter } : {}) } } }));
  return page.value.map((p) => ({ id: p.id, label: p.displayName }));
}
