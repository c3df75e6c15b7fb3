export * from './symbols.ts';
export * from './period.ts';
export * from './direction.ts';
export * from './quartile.ts';
export * from './neighbours.ts';
export * from './rag.ts';
export * from './units.ts';
export * from './checks.ts';
