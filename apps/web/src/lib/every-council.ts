import type { IndicatorDetail } from '@indicate/contracts';

/**
 * Whether DfE publishes every council's figure for a measure, so the all-councils view and the compare
 * view's years have something to show: a DfE file or a LAIT measure gives it. The council's own measures
 * (CSE referrals, missing episodes, early help) have only the council's figures.
 */
export function hasEveryCouncil(indicator: Pick<IndicatorDetail, 'origin' | 'dfe' | 'lait'>): boolean {
  return indicator.origin === 'lait' || indicator.dfe !== null || indicator.lait !== null;
}
