import type { IndicatorFigure } from '@indicate/contracts';
import { describe, expect, it } from 'vitest';
import { writeSettings } from '../src/auth/settings.ts';
import { bundledStore, testApp } from './helpers.ts';
import { signIn } from './sign-in.ts';

/**
 * GET /api/indicators/:id/figure: the indicator page's figure, chosen by the server's one rule for "the
 * latest figure" (the browser used to work it out again from the series for a measure outside the set).
 */
describe('the indicator page’s figure', () => {
  it('is the latest of the indicator’s own kind by the period’s end, in the set or not, judged as the scorecard judges it', async () => {
    const store = bundledStore();
    const app = await testApp({ store });
    const analyst = await signIn(app, store, 'analyst');
    // In the scorecard set: the same row the scorecard has.
    const card = (await analyst.inject('/api/scorecard?la=855&period=2018-19-Q1')).json();
    const inSet = card.rows[0];
    const one = (
      await analyst.inject(`/api/indicators/${inSet.indicator.id}/figure?la=855&period=2018-19-Q1`)
    ).json() as IndicatorFigure;
    expect(one.row).toEqual(inSet);
    // Outside the set (a LAIT measure): Derbyshire's latest year by the end of 2019/20.
    const lait = (
      await analyst.inject('/api/indicators/lait-cpp-num/figure?la=830&period=2019-20')
    ).json() as IndicatorFigure;
    expect(lait.row!.figure.period.id).toBe('2019-20');
    expect(typeof lait.row!.figure.value).toBe('number');
    // An indicator the council has no figure of: no row, and why.
    const none = (
      await analyst.inject('/api/indicators/cse-referrals/figure?la=830&period=2019-20')
    ).json() as IndicatorFigure;
    expect(none.row).toBeNull();
    expect(none.reason).toMatch(/has no figure for this indicator for 2019\/20 or before/);
    // The public view: as core's disclosure plan allows.
    writeSettings(store.db, { publicRead: true });
    const open = await app.inject('/api/indicators/lait-cpp-num/figure?la=830&period=2019-20');
    expect(open.statusCode).toBe(200);
    expect(open.json().row.assessment.quartile?.rank ?? null).toBeNull();
  }, 120_000);
});
