import { notifications } from '@mantine/notifications';

/** A short confirmation in the corner; its close button is named, for screen readers. */
export function notify(message: { title: string; message: string; color?: string }): void {
  notifications.show({ ...message, closeButtonProps: { 'aria-label': 'Close the message' } });
}
