import { Center, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, type ReactElement } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { onSignedOutCall } from './api/client';
import { SessionProvider, useSession, useSessionQuery } from './api/session';
import { ErrorBoundary } from './components/ErrorBoundary';
import { Layout } from './components/Layout';
import { ErrorAlert, Loading } from './components/QueryState';
import { AdminAccessReviewPage } from './pages/admin/AdminAccessReviewPage';
import { AdminAccessReviewsPage } from './pages/admin/AdminAccessReviewsPage';
import { AdminAuditPage } from './pages/admin/AdminAuditPage';
import { AdminCatalogPage } from './pages/admin/AdminCatalogPage';
import { AdminCatalogsPage } from './pages/admin/AdminCatalogsPage';
import { AdminConnectedOrganizationPage } from './pages/admin/AdminConnectedOrganizationPage';
import { AdminConnectedOrganizationsPage } from './pages/admin/AdminConnectedOrganizationsPage';
import { AdminPackagePage } from './pages/admin/AdminPackagePage';
import { AdminPolicyPage } from './pages/admin/AdminPolicyPage';
import { AdminRequestPage } from './pages/admin/AdminRequestPage';
import { AdminRequestsPage } from './pages/admin/AdminRequestsPage';
import { AdminSettingsPage } from './pages/admin/AdminSettingsPage';
import { AdminUsersPage } from './pages/admin/AdminUsersPage';
import { NewAccessReviewPage } from './pages/admin/NewAccessReviewPage';
import { NewConnectedOrganizationPage } from './pages/admin/NewConnectedOrganizationPage';
import { NoAdminAccess } from './pages/admin/NoAdminAccess';
import { WhoHasAccessPage } from './pages/admin/WhoHasAccessPage';
import { ApprovalsPage } from './pages/my-access/ApprovalsPage';
import { MyAccessPage } from './pages/my-access/MyAccessPage';
import { MyRequestsPage } from './pages/my-access/MyRequestsPage';
import { RequestablePackagesPage } from './pages/my-access/RequestablePackagesPage';
import { RequestPackagePage } from './pages/my-access/RequestPackagePage';
import { ReviewPage } from './pages/my-access/ReviewPage';
import { ReviewsPage } from './pages/my-access/ReviewsPage';
import { SignInPage } from './pages/sign-in/SignInPage';

export function App() {
  const session = useSessionQuery();
  const queryClient = useQueryClient();
  const location = useLocation();
  useEffect(() => onSignedOutCall(() => queryClient.setQueryData(['session'], null)), [queryClient]);

  if (session.isPending) return <Loading label="Opening Tessera…" />;
  if (session.error) {
    return (
      <Center p="xl">
        <ErrorAlert error={session.error} title="Tessera could not be reached" />
      </Center>
    );
  }
  if (!session.data?.user) return <SignInPage />;
  const areas = session.data.adminCenter;
  const admin = (allowed: boolean, page: ReactElement) => (allowed ? page : <NoAdminAccess />);
  return (
    <SessionProvider session={session.data}>
      <Layout>
        <ErrorBoundary resetKey={location.pathname}>
          <Routes>
            <Route path="/" element={<Navigate to="/access-packages" replace />} />
            <Route path="/access-packages" element={<RequestablePackagesPage />} />
            <Route path="/access-packages/:id" element={<RequestPackagePage />} />
            <Route path="/requests" element={<MyRequestsPage />} />
            <Route path="/access" element={<MyAccessPage />} />
            <Route path="/approvals" element={<ApprovalsPage />} />
            <Route path="/reviews" element={<ReviewsPage />} />
            {/* The review's e-mails link here: the instance to decide. */}
            <Route path="/reviews/:definitionId/:instanceId" element={<ReviewPage />} />
            <Route path="/admin" element={<AdminHome />} />
            <Route path="/admin/catalogs" element={admin(areas.catalogs, <AdminCatalogsPage />)} />
            <Route path="/admin/catalogs/:id" element={admin(areas.catalogs, <AdminCatalogPage />)} />
            <Route path="/admin/access-packages/:id" element={admin(areas.catalogs, <AdminPackagePage />)} />
            <Route path="/admin/access-packages/:id/policies/:policyId" element={admin(areas.catalogs, <AdminPolicyPage />)} />
            <Route path="/admin/requests" element={admin(areas.catalogs, <AdminRequestsPage />)} />
            <Route path="/admin/requests/:id" element={admin(areas.catalogs, <AdminRequestPage />)} />
            <Route path="/admin/who-has-access" element={admin(areas.catalogs, <WhoHasAccessPage />)} />
            <Route path="/admin/access-reviews" element={admin(areas.accessReviews, <AdminAccessReviewsPage />)} />
            <Route path="/admin/access-reviews/new" element={admin(areas.accessReviews, <NewAccessReviewPage />)} />
            <Route path="/admin/access-reviews/:id" element={admin(areas.accessReviews, <AdminAccessReviewPage />)} />
            <Route path="/admin/connected-organizations" element={admin(areas.connectedOrganizations, <AdminConnectedOrganizationsPage />)} />
            <Route path="/admin/connected-organizations/new" element={admin(areas.canManage.connectedOrganizations, <NewConnectedOrganizationPage />)} />
            <Route path="/admin/connected-organizations/:id" element={admin(areas.connectedOrganizations, <AdminConnectedOrganizationPage />)} />
            <Route path="/admin/settings" element={admin(areas.entitlementSettings, <AdminSettingsPage />)} />
            <Route path="/admin/users" element={admin(areas.directory, <AdminUsersPage />)} />
            <Route path="/admin/audit" element={admin(areas.auditLog, <AdminAuditPage />)} />
            <Route path="/admin/*" element={<NoAdminAccess />} />
            <Route path="*" element={<NotFound />} />
          </Routes>
        </ErrorBoundary>
      </Layout>
    </SessionProvider>
  );
}

/** /admin: the first area of the admin center the signed-in person's roles open. */
function AdminHome() {
  const { catalogs, accessReviews, connectedOrganizations, directory, auditLog, entitlementSettings } = useSession().adminCenter;
  const first = catalogs ? '/admin/catalogs' : accessReviews ? '/admin/access-reviews' : connectedOrganizations ? '/admin/connected-organizations' : directory ? '/admin/users' : auditLog ? '/admin/audit' : entitlementSettings ? '/admin/settings' : null;
  return first ? <Navigate to={first} replace /> : <NoAdminAccess />;
}

function NotFound() {
  return (
    <Stack>
      <Title order={2}>Page not found</Title>
      <Text>There is nothing at this address. Use the menu to find your way.</Text>
    </Stack>
  );
}
