import { AppShell, Burger, Button, Group, NavLink, ScrollArea, Text, Title, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { api, unwrap } from '../api/client';
import { requestsToApprove } from '../api/queries';
import { useSession } from '../api/session';
import { myDefinitions } from '../features/access-reviews/review-api';

type Item = { to: string; label: string };

/**
 * The frame of every signed-in page: My Access for everyone, the admin center's areas for those
 * whose roles open them (the server authorizes each call; the menu only hides what would refuse).
 * On a narrow screen the menu folds behind a button.
 */
export function Layout({ children }: { children: ReactNode }) {
  const session = useSession();
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  const areas = session.adminCenter;
  const guest = session.user.userType === 'Guest';
  const myAccess: Item[] = [
    { to: '/access-packages', label: 'Request access' },
    { to: '/requests', label: 'My requests' },
    { to: '/access', label: 'My access' },
  ];
  const decisions: Item[] = [
    { to: '/approvals', label: 'Approvals' },
    { to: '/reviews', label: 'Reviews' },
  ];
  const admin: Item[] = [
    ...(areas.catalogs ? [{ to: '/admin/catalogs', label: 'Catalogs and packages' }, { to: '/admin/requests', label: 'Requests' }, { to: '/admin/who-has-access', label: 'Who has access' }] : []),
    ...(areas.accessReviews ? [{ to: '/admin/access-reviews', label: 'Access reviews' }] : []),
    ...(areas.connectedOrganizations ? [{ to: '/admin/connected-organizations', label: 'Connected organizations' }] : []),
    ...(areas.directory ? [{ to: '/admin/users', label: 'Users and groups' }] : []),
    ...(areas.auditLog ? [{ to: '/admin/audit', label: 'Audit log' }] : []),
    ...(areas.entitlementSettings ? [{ to: '/admin/settings', label: 'Settings' }] : []),
  ];
  const signOut = async () => {
    await unwrap(api.POST('/v1.0/tessera/session/signOut')).catch(() => undefined);
    window.location.assign('/');
  };
  const link = (item: Item) => (
    <NavLink key={item.to} component={Link} to={item.to} label={item.label} active={location.pathname === item.to || location.pathname.startsWith(`${item.to}/`)} onClick={close} />
  );
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={opened ? 'Close the menu' : 'Open the menu'} />
            <Title order={1} size="h3">
              <Link to="/" style={{ color: 'inherit', textDecoration: 'none' }}>
                Tessera
              </Link>
            </Title>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Text size="sm" visibleFrom="xs" data-testid="signed-in-user">
              <VisuallyHidden>Signed in as </VisuallyHidden>
              {session.user.displayName}
              {guest ? (
                <Text span size="xs" c="dimmed">
                  {' '}
                  · Guest{session.user.companyName ? ` of ${session.user.companyName}` : ''}
                </Text>
              ) : null}
            </Text>
            <Button variant="default" size="xs" onClick={signOut}>
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main">
        <ScrollArea>
          <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pt="xs">
            My Access
          </Text>
          {myAccess.map(link)}
          {guest ? <GuestDecisionLinks items={decisions} link={link} /> : decisions.map(link)}
          {admin.length > 0 ? (
            <>
              <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pt="md">
                Admin center
              </Text>
              {admin.map(link)}
            </>
          ) : null}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main id="main">{children}</AppShell.Main>
    </AppShell>
  );
}

/**
 * A guest approves or reviews only when a partner's sponsor or a review names them: their menu
 * offers Approvals and Reviews only when something waits there (or they are on that page).
 */
function GuestDecisionLinks({ items, link }: { items: Item[]; link: (item: Item) => ReactNode }) {
  const location = useLocation();
  const work = useQuery({
    queryKey: ['guest-decisions'],
    queryFn: async () => {
      const [requests, reviews] = await Promise.all([requestsToApprove().catch(() => []), myDefinitions().catch(() => [])]);
      return { '/approvals': requests.some((request) => request.state === 'pendingApproval'), '/reviews': reviews.length > 0 } as Record<string, boolean>;
    },
    staleTime: 60_000,
  });
  return <>{items.filter((item) => work.data?.[item.to] || location.pathname.startsWith(item.to)).map(link)}</>;
}

/** A page's heading and lead, the same on every page. */
export function PageHeader({ title, lead, actions }: { title: string; lead?: ReactNode; actions?: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-start" mb="md" wrap="wrap">
      <div>
        <Title order={2}>{title}</Title>
        {lead ? (
          <Text c="dimmed" size="sm" mt={4}>
            {lead}
          </Text>
        ) : null}
      </div>
      {actions}
    </Group>
  );
}
