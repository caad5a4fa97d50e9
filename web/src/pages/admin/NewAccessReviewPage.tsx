import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../components/Layout';
import { notify } from '../../components/notify';
import { createDefinition, reviewKeys } from '../../features/access-reviews/review-api';
import { definitionBody, emptyReviewForm } from '../../features/access-reviews/review-form';
import { ReviewDefinitionEditor } from '../../features/access-reviews/ReviewDefinitionEditor';
import { directorySearch, packageSearch } from './directory-search';

const directory = { ...directorySearch, packages: packageSearch };

/** A new access review: saved, it starts on its start date (today's starts within a minute). */
export function NewAccessReviewPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // Review dates are calendar dates in UTC, as the server starts instances at midnight UTC.
  const today = new Date().toISOString().slice(0, 10);
  return (
    <>
      <PageHeader title="New access review" lead="Choose what to review and who reviews it, how often, and what happens with the answers." />
      <ReviewDefinitionEditor
        initial={emptyReviewForm(today)}
        today={today}
        directory={directory}
        onSave={async (form) => {
          const created = await createDefinition(definitionBody(form));
          await queryClient.invalidateQueries({ queryKey: reviewKeys.definitions });
          notify({ color: 'green', title: 'Access review created', message: form.startDate === today ? `${created.displayName} starts now.` : `${created.displayName} starts on its start date.` });
          navigate(`/admin/access-reviews/${created.id}`);
        }}
        onCancel={() => navigate('/admin/access-reviews')}
      />
    </>
  );
}
