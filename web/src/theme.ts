import { createTheme } from '@mantine/core';

// Indigo on white passes WCAG AA for text and controls; focus rings always show for keyboard users.
export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: 7,
  focusRing: 'auto',
  defaultRadius: 'md',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
});
