import { Alert, Button, Stack } from '@mantine/core';
import { Component, type ReactNode } from 'react';

/**
 * A page that fails to render shows a plain message and a way back, never a stack trace; the
 * details go to the browser's console for whoever is debugging.
 */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey: string }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override componentDidCatch(error: unknown) {
    console.error('A portal page failed to render', error);
  }

  override componentDidUpdate(previous: { resetKey: string }) {
    // Moving to another page gives it a fresh start.
    if (previous.resetKey !== this.props.resetKey && this.state.failed) this.setState({ failed: false });
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <Stack>
        <Alert color="red" title="This page could not be shown" role="alert">
          Something went wrong while showing this page. Reload it; if it keeps happening, tell your administrator.
        </Alert>
        <div>
          <Button variant="default" onClick={() => window.location.reload()}>
            Reload
          </Button>
        </div>
      </Stack>
    );
  }
}
