export * from './catalogue.ts';
export * from './api.ts';
export * from './loads.ts';
export * from './reads.ts';
export * from './packs.ts';
export * from './auth.ts';
export * from './writes.ts';
export * from './dashboard.ts';
