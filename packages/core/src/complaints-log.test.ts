import { describe, expect, it } from 'vitest';
import { complaintLogProblems, type ComplaintLogRow } from './complaints-log.ts';

const row = (over: Partial<ComplaintLogRow> & { row: number }): ComplaintLogRow => ({
  reference: 'C-001',
  stage: '1',
  received: '2026-10-01',
  responded: '2026-10-14',
  extended: 'no',
  outcome: 'partly upheld',
  fromChild: 'yes',
  advocateOffered: 'yes',
  ombudsman: '',
  ...over,
});

describe('a complaints log, row by row', () => {
  it('takes a log whose complaint goes from stage 1 to stage 2, with an extension and the Ombudsman', () => {
    expect(
      complaintLogProblems(
        [
          row({ row: 2 }),
          row({
            row: 3,
            stage: '2',
            received: '2026-10-20',
            responded: '',
            extended: 'Yes',
            outcome: '',
            ombudsman: 'Not investigated',
          }),
        ],
        '2026-12-07',
      ),
    ).toEqual([]);
  });

  it('names each problem with its row and column', () => {
    expect(
      complaintLogProblems(
        [
          row({ row: 2, stage: '4' }),
          row({ row: 3, reference: 'C-002', received: '01/10/2026' }),
          row({ row: 4, reference: 'C-003', responded: '2026-09-30' }),
          row({ row: 5, reference: 'C-004', stage: '3', extended: 'yes' }),
          row({ row: 6, reference: 'C-005', outcome: 'resolved' }),
          row({ row: 7, reference: 'C-006', responded: '', outcome: 'upheld' }),
          row({ row: 8, reference: 'C-001', stage: '4' }),
          row({ row: 9, reference: 'C-007', received: '2027-01-05', responded: '', outcome: '' }),
        ],
        '2026-12-07',
      ).map((p) => `${p.row} ${p.column}: ${p.message}`),
    ).toEqual([
      '2 stage: stage must be 1, 2 or 3, not "4"',
      '2 stage: stage 4 of C-001 with no stage 3 in the log',
      '3 received: "01/10/2026" is not a date written yyyy-mm-dd',
      '4 responded: responded 2026-09-30, before it was received (2026-10-01)',
      '5 extended: stage 3 has no extension: its timescales are fixed',
      '5 stage: stage 3 of C-004 with no stage 2 in the log',
      '6 outcome: outcome must be one of upheld, partly upheld, not upheld, withdrawn, not "resolved"',
      '7 outcome: an outcome is given but no response date',
      '8 stage: stage must be 1, 2 or 3, not "4"',
      '8 reference: the same complaint at stage 4 as row 2',
      '8 stage: stage 4 of C-001 with no stage 3 in the log',
      '9 received: received 2027-01-05, after today (2026-12-07)',
    ]);
  });
});
