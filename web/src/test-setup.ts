import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { fakeApi, fakeFetch } from './test-api';

// What Mantine needs from a browser that happy-dom leaves out.
Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: (query: string) => ({ matches: false, media: query, onchange: null, addListener: () => {}, removeListener: () => {}, addEventListener: () => {}, removeEventListener: () => {}, dispatchEvent: () => false }),
});
class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
window.ResizeObserver = window.ResizeObserver ?? (ResizeObserverStub as unknown as typeof ResizeObserver);
window.HTMLElement.prototype.scrollIntoView = () => {};

afterEach(() => cleanup());
// Mantine's autosizing textarea listens for web fonts loading.
if (!('fonts' in document) || !document.fonts) Object.defineProperty(document, 'fonts', { value: { addEventListener: () => {}, removeEventListener: () => {}, ready: Promise.resolve() } });

// Pages call Tessera through fetch; in component tests the fake API answers (see test-api.ts).
globalThis.fetch = fakeFetch as typeof fetch;
afterEach(() => fakeApi.reset());
