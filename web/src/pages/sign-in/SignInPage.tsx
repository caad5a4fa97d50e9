import { Button, Center, Divider, Paper, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useLocation } from 'react-router';
import { signInUrl } from '../../api/session';
import { OutsiderSignIn } from '../../features/outsider-sign-in/OutsiderSignIn';
import { packageIdOfPath } from '../../features/outsider-sign-in/outsider-sign-in-api';

/**
 * What a visitor without a session sees, at whatever address they came to: two ways in. People of
 * the organization sign in with its OpenID provider; people outside prove their e-mail address with
 * a mailed code. Either way they come back to the page they asked for (a package's link included).
 */
export function SignInPage() {
  const location = useLocation();
  const queryClient = useQueryClient();
  const [byEmail, setByEmail] = useState(false);
  const packageId = packageIdOfPath(location.pathname);
  // The session is read again, and the page the visitor asked for renders in place of this one.
  const signedIn = () => queryClient.refetchQueries({ queryKey: ['session'] });
  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" maw={440} w="100%">
        <Stack>
          <Title order={1} size="h2">
            Tessera
          </Title>
          {byEmail ? (
            <>
              <Title order={2} size="h4">
                Sign in with your e-mail address
              </Title>
              <OutsiderSignIn accessPackageId={packageId} onSignedIn={signedIn} onCancel={() => setByEmail(false)} />
            </>
          ) : (
            <>
              <Text>{packageId ? 'You were sent a link to an access package. Sign in to see it and request it.' : 'Request the access you need, approve requests, and see what you hold.'}</Text>
              <Button component="a" href={signInUrl(`${location.pathname}${location.search}`)} size="md">
                Sign in
              </Button>
              <Divider label="or" labelPosition="center" />
              <Stack gap={6}>
                <Text size="sm" fw={600} ta="center">
                  Not from this organization?
                </Text>
                <Button variant="light" onClick={() => setByEmail(true)}>
                  Sign in with your e-mail address
                </Button>
              </Stack>
            </>
          )}
        </Stack>
      </Paper>
    </Center>
  );
}
