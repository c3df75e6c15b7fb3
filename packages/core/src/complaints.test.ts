import { describe, expect, it } from 'vitest';
import { escalationRate, stageSteps, timeliness, type ComplaintStageRecord } from './complaints.ts';

const TODAY = '2027-02-01';

describe('complaint timescales in working days, hand-checked', () => {
  it('stage 1 over Christmas: due on the 10th working day, 7 January; the 8th is a day late', () => {
    const onTime = stageSteps({ stage: 1, received: '2026-12-21', extended: false, responded: '2027-01-07' }, TODAY);
    expect(onTime).toEqual([
      { what: 'Stage 1 response', due: '2027-01-07', done: '2027-01-07', inTime: true, lateBy: 0 },
    ]);
    const late = stageSteps({ stage: 1, received: '2026-12-21', extended: false, responded: '2027-01-08' }, TODAY);
    expect(late[0]).toMatchObject({ inTime: false, lateBy: 1 });
  });

  it('an extension gives stage 1 twenty working days', () => {
    // 20 working days after 21 December 2026: the 10th is 7 January, then 8, 11-15, 18, 19, 20, 21 January.
    const extended = stageSteps({ stage: 1, received: '2026-12-21', extended: true, responded: '2027-01-08' }, TODAY);
    expect(extended[0]).toMatchObject({ what: 'Stage 1 response (extended)', due: '2027-01-21', inTime: true });
  });

  it('stage 2 over Easter: 25 working days, or 65 extended; an open one is overdue once its day has passed', () => {
    // Request Wednesday 1 April 2026: the 10th working day is 17 April (Good Friday and Easter Monday left
    // out); 20 April-1 May are the 11th-20th; 4 May is a bank holiday; 5-8 May the 21st-24th; Monday 11 May the 25th.
    const open = stageSteps({ stage: 2, received: '2026-04-01', extended: false, responded: null }, '2026-05-12');
    expect(open[0]).toMatchObject({ due: '2026-05-11', done: null, inTime: false, lateBy: 1 });
    const notYet = stageSteps({ stage: 2, received: '2026-04-01', extended: false, responded: null }, '2026-05-11');
    expect(notYet[0]).toMatchObject({ inTime: null, lateBy: 0 });
    const extended = stageSteps({ stage: 2, received: '2026-04-01', extended: true, responded: '2026-07-01' }, TODAY);
    expect(extended[0]).toMatchObject({ due: '2026-07-07', inTime: true });
  });

  it('stage 3: the panel in 30, its report in 5, the response in 15, each from the step before', () => {
    const steps = stageSteps(
      {
        stage: 3,
        received: '2026-09-01',
        panelHeld: '2026-10-13',
        panelReported: '2026-10-21',
        responded: '2026-11-10',
      },
      TODAY,
    );
    expect(steps.map((s) => [s.what, s.due, s.inTime])).toEqual([
      ['Stage 3 panel', '2026-10-13', true],
      ["Stage 3 panel's report", '2026-10-20', false],
      ["Stage 3 council's response", '2026-11-11', true],
    ]);
  });

  it('sums each stage: responses in time, overdue, and the share escalated', () => {
    const records: ComplaintStageRecord[] = [
      { stage: 1, received: '2026-12-21', extended: false, responded: '2027-01-07' },
      { stage: 1, received: '2026-12-21', extended: false, responded: '2027-01-08' },
      { stage: 1, received: '2027-01-04', extended: false, responded: null },
      { stage: 2, received: '2026-04-01', extended: false, responded: '2026-05-11' },
    ];
    const t = timeliness(records, TODAY);
    expect(t[1]).toEqual({ responded: 2, inTime: 1, percent: 50, overdue: 1 });
    expect(t[2]).toEqual({ responded: 1, inTime: 1, percent: 100, overdue: 0 });
    expect(t[3].percent).toBeNull();
    expect(escalationRate(3, 1)).toBe(33.3);
    expect(escalationRate(0, 0)).toBeNull();
  });
});
