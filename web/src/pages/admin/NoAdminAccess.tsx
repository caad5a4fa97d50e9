import { Alert, Button } from '@mantine/core';
import { Link } from 'react-router';

/** What someone without an administrative role sees at an admin center address. */
export function NoAdminAccess() {
  return (
    <>
      <Alert color="yellow" title="You do not have access to the admin center" role="alert" mb="md">
        The admin center is for administrators and catalog owners and managers. If you need one of these roles, ask your administrator.
      </Alert>
      <Button component={Link} to="/access-packages" variant="subtle">
        Go to My Access
      </Button>
    </>
  );
}
