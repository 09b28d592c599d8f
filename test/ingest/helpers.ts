import { fileURLToPath } from 'node:url';

export const FIXTURES = fileURLToPath(new URL('../fixtures/ingest/', import.meta.url));
export const fixture = (rel: string): string => FIXTURES + rel;
