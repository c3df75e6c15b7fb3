/**
 * The places figures are published for, beyond councils: England, the regions, and London, whose boroughs
 * DfE groups as Inner London (E13000001) and Outer London (E13000002) as well. One home for the codes.
 */
export const ENGLAND_CODE = 'E92000001';
export const LONDON_CODE = 'E12000007';
const INNER_OR_OUTER_LONDON = /^E13/;

/** The totals a council's figure is counted in: its region (Inner or Outer London, and London) and England. */
export function totalsContaining(regionCode: string): string[] {
  return INNER_OR_OUTER_LONDON.test(regionCode) ? [regionCode, LONDON_CODE, ENGLAND_CODE] : [regionCode, ENGLAND_CODE];
}
