/**
 * The rules of the committee's other statutory reports that count in working days (issue 24): complaints'
 * timescales and the inspection action plan. A subpath of its own (`@indicate/core/reports`), not the main
 * index: the working-day calendar (date-holidays) carries every country's holidays, over a megabyte, which the
 * dashboard's pages must not load for nothing.
 */
export * from './working-days.ts';
export * from './complaints.ts';
export * from './inspection-plan.ts';
export * from './other-reports.ts';
