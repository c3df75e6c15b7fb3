export * from './types.ts';
export { compute, computeFromReturns, RULE_SET_VERSION, toAggregates, type AggregateFigure } from './compute.ts';
export { readReturns, ReturnsReader, type FileParts, type ReadResult } from './read.ts';
export type { ReturnsData } from './model.ts';
export { BANK_HOLIDAYS_ENGLAND_AND_WALES, workingDaysBetween } from './bank-holidays.ts';
export { quarterEndingOn, readProvenanceLines, toTemplateCsv, type ReturnsProvenance } from './template.ts';
