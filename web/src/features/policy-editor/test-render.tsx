import { MantineProvider } from '@mantine/core';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { theme } from '../../theme';

/** Renders a component as the portal does (inside Mantine's provider), for component tests. */
export const renderInPortal = (element: ReactElement) => render(<MantineProvider theme={theme} env="test">{element}</MantineProvider>);
