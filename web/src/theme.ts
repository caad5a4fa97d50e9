import { createTheme, Modal, Notification, type CSSVariablesResolver } from '@mantine/core';

// Indigo on white passes WCAG AA for text and controls; focus rings always show for keyboard users.
export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: 7,
  focusRing: 'auto',
  // People who ask their system for less motion get none (dialogs, menus, messages appear at once).
  respectReducedMotion: true,
  defaultRadius: 'md',
  // A message's text under its title is grey.6 by default, too faint on white (see cssVariablesResolver).
  // A dialog's close button (an icon) is named, for screen readers.
  components: { Notification: Notification.extend({ styles: { description: { color: 'var(--mantine-color-gray-7)' } } }), Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } }) },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
});

/** The colours the portal's light (tinted) buttons and the menu's current page use. */
const lightVariantColors = ['indigo', 'red', 'blue', 'cyan'] as const;

/**
 * Secondary ("dimmed") text one shade darker than Mantine's default, whose grey on white (3.3:1)
 * fails WCAG AA for small text; gray.7 gives 7:1. Light variants (tinted buttons, the menu's
 * current page) one tint lighter: Mantine's hover tint (shade 2) under shade-9 text gives indigo
 * 4.1:1 and red 3.8:1; shades 0 and 1 give at least 4.5:1 at rest and under the pointer. A field's
 * error message in red.9 rather than Mantine's red.6, which gives 3.3:1 on white (red.9: 5.5:1).
 */
export const cssVariablesResolver: CSSVariablesResolver = (theme) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': theme.colors.gray[7]!,
    '--mantine-color-error': theme.colors.red[9]!,
    ...Object.fromEntries(lightVariantColors.flatMap((color) => [[`--mantine-color-${color}-light`, theme.colors[color][0]!], [`--mantine-color-${color}-light-hover`, theme.colors[color][1]!]])),
  },
  dark: {},
});
