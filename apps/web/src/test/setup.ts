import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';

/** A component that logs an error (a React warning, a failed prop type) fails its test. */
let logged: unknown[][] = [];

beforeEach(() => {
  logged = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args));
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  if (logged.length > 0) throw new Error(`console.error was called:\n${logged.map((a) => a.join(' ')).join('\n')}`);
});
