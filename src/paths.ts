import { fileURLToPath } from 'node:url';

/** The package root (the folder holding rules/ and glossary/), from src/ or dist/. */
export const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));
