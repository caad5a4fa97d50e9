import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../components/Layout';
import { notify } from '../../components/notify';
import { createOrganization, organizationKeys } from '../../features/connected-organizations/connected-organization-api';
import { ConnectedOrganizationForm } from '../../features/connected-organizations/ConnectedOrganizationForm';
import { emptyOrganizationForm, organizationBody } from '../../features/connected-organizations/organization-form';

/** A new connected organization: saved, it opens on its own page, where its sponsors are added. */
export function NewConnectedOrganizationPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  return (
    <>
      <PageHeader title="Add connected organization" lead="A partner whose people may request access: its name, and the e-mail domains its people use." />
      <ConnectedOrganizationForm
        initial={emptyOrganizationForm()}
        saveLabel="Add organization"
        onSave={async (form) => {
          const created = await createOrganization(organizationBody(form));
          await queryClient.invalidateQueries({ queryKey: organizationKeys.all });
          notify({ color: 'green', title: 'Connected organization added', message: `${created.displayName}: add its sponsors next.` });
          navigate(`/admin/connected-organizations/${created.id}`);
        }}
        onCancel={() => navigate('/admin/connected-organizations')}
      />
    </>
  );
}
