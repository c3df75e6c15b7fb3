import { describe, expect, it } from 'vitest';
import { formatUk } from './dates.ts';
import { readReturns, recogniseTable, ReturnsReader } from './read.ts';
import { EXAMPLE_PRESET, generateReturns } from './generate.ts';
import { cinCensus, csvFile, EPISODE_COLUMNS, HEADER_COLUMNS } from './test-files.ts';

describe('recognising SSDA903 tables by their header row', () => {
  it.each([
    ['CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB', 'Header'],
    ['CHILD,SEX,DOB,DUC', 'UASC'],
    [' child , Dob ,in_touch,ACTIV,accom', 'OC3'],
    ['CHILD,DECOM,RNE,LS,PLACE', 'Episodes'],
    ['CHILD,DOB,MISSING,MIS_START,MIS_END', 'Missing'],
    ['Name,Address', null],
  ])('%s is %s', (header, table) => {
    expect(recogniseTable(header.split(','))).toBe(table);
  });
});

describe('readReturns', () => {
  it('tolerates a byte-order mark, CRLF, quotes, trailing blank lines, column order, case and spacing', () => {
    const text =
      '\uFEFF" Child ",rne,DECOM,LS,CIN,PLACE,place provider,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN,NOTES\r\n' +
      '"a",S,01/04/2024,C2,N1,U4,PR1,,,,"AB1, 2CD",,,"said ""hi"""\r\n\r\n\r\n';
    const { data, findings } = readReturns([{ name: 'e.csv', text }]);
    expect(data.episodes).toHaveLength(1);
    expect(data.episodes[0]).toMatchObject({ child: 'a', rne: 'S', place: 'U4', provider: 'PR1', dec: null });
    expect(formatUk(data.episodes[0]?.decom as number)).toBe('01/04/2024');
    expect(findings).toEqual([expect.objectContaining({ severity: 'warning', field: 'NOTES', table: 'Episodes' })]);
  });

  it('merges several years: identical rows once, an episode closed a year later kept without a warning', () => {
    const year1 = csvFile('2024.csv', EPISODE_COLUMNS, [
      'a,01/06/2023,S,C2,N1,U4,PR1,,,,,,',
      'b,01/06/2023,S,C2,N1,U4,PR1,,,,,,',
    ]);
    const year2 = csvFile('2025.csv', EPISODE_COLUMNS, [
      'a,01/06/2023,S,C2,N1,U4,PR1,01/06/2024,E11,,,,',
      'b,01/06/2023,S,C2,N1,U4,PR1,,,,,,',
      'b,01/06/2024,S,C2,N1,U4,PR1,,,,,,',
    ]);
    const { data, findings } = readReturns([year1, year2]);
    expect(findings).toEqual([]);
    expect(data.episodes.map((e) => [e.child, formatUk(e.decom as number), e.dec && formatUk(e.dec)])).toEqual([
      ['a', '01/06/2023', '01/06/2024'],
      ['b', '01/06/2023', null],
      ['b', '01/06/2024', null],
    ]);
    expect(readReturns([year2, year1]).data.episodes[0]?.rec).toBe('E11');
  });

  it('keeps one of two disagreeing versions of an episode, and warns', () => {
    const { data, findings } = readReturns([
      csvFile('one.csv', EPISODE_COLUMNS, ['a,01/06/2023,S,C2,N1,U4,PR1,,,,,,']),
      csvFile('two.csv', EPISODE_COLUMNS, ['a,01/06/2023,S,C2,N1,U6,PR1,,,,,,']),
    ]);
    expect(data.episodes).toHaveLength(1);
    expect(data.episodes[0]?.place).toBe('U6');
    expect(findings).toEqual([
      expect.objectContaining({ severity: 'warning', file: 'two.csv', table: 'Episodes', row: 1, child: 'a' }),
    ]);
  });

  it('treats SEX 1 and M as the same when merging Header rows of two years', () => {
    const { findings } = readReturns([
      csvFile('h1.csv', HEADER_COLUMNS, ['a,1,01/01/2015,WBRI,A1,,']),
      csvFile('h2.csv', HEADER_COLUMNS, ['a,M,01/01/2015,WBRI,A1,,']),
    ]);
    expect(findings).toEqual([]);
  });

  it('names a CSV file that is neither a table nor a census, and reads on without it (a new table is no fault)', () => {
    const { findings } = readReturns([{ name: 'notes.csv', text: 'Name,Address\nx,y\n' }]);
    expect(findings).toEqual([
      {
        severity: 'warning',
        file: 'notes.csv',
        message: 'not an SSDA903 table Indicate knows or a CIN census, so not read: its first line is "Name,Address"',
      },
    ]);
  });

  it('reports malformed XML with its file and line, without throwing', () => {
    const { findings } = readReturns([
      { name: 'cin.xml', text: '<?xml version="1.0"?>\n<Message>\n<Children>\n</Message>' },
    ]);
    expect(findings).toEqual([
      expect.objectContaining({
        severity: 'error',
        file: 'cin.xml',
        message: 'the XML is malformed at line 4: end tag </Message> where </Children> was expected',
      }),
    ]);
  });

  it('reports malformed CSV with its line', () => {
    const { findings } = readReturns([{ name: 'h.csv', text: `${HEADER_COLUMNS}\na,1,"01/01/2015\n` }]);
    expect(findings[0]).toMatchObject({ severity: 'error', file: 'h.csv', table: 'Header' });
    expect(findings[0]?.message).toBe('the CSV is malformed at line 2: a quoted field is never closed');
  });

  it('reads the CIN census with entities, prefixes and several years, the later census winning', () => {
    const older = cinCensus({ c: { referrals: [{ date: '2024-01-10' }] } }, 'cin2024.xml', '2024');
    const newer = cinCensus(
      { c: { referrals: [{ date: '2024-01-10', closure: '2024-06-01' }] } },
      'cin2025.xml',
      '2025',
    );
    for (const files of [
      [older, newer],
      [newer, older],
    ]) {
      const { data, findings } = readReturns(files);
      expect(findings).toEqual([]);
      expect(data.cin?.children.get('c')?.referrals.map((r) => r.closure && formatUk(r.closure))).toEqual([
        '01/06/2024',
      ]);
    }
    const prefixed = readReturns([
      {
        name: 'p.xml',
        text: '<c:Message xmlns:c="x"><c:Children><c:Child><c:ChildIdentifiers><c:LAchildID>A&amp;B</c:LAchildID></c:ChildIdentifiers></c:Child></c:Children></c:Message>',
      },
    ]);
    expect([...(prefixed.data.cin?.children.keys() ?? [])]).toEqual(['A&B']);
  });
});

describe('ReturnsReader', () => {
  it('reads files given one at a time as readReturns reads them together, with progress', () => {
    const files = generateReturns({ ...EXAMPLE_PRESET, childrenLookedAfter: 40, referrals: 80 });
    const progress: number[] = [];
    const reader = new ReturnsReader((read) => progress.push(read));
    for (const file of files) reader.add({ ...file });
    expect(reader.finish()).toEqual(readReturns(files));
    expect(progress).toEqual(files.map((_, i) => i + 1));
  });

  it('reads files given in parts as it reads them whole', () => {
    const files = [
      ...generateReturns({ ...EXAMPLE_PRESET, childrenLookedAfter: 30, referrals: 60 }),
      { name: 'bom.xml', text: '\uFEFF\n  <Message><Children><Child></Child></Children></Message>' },
      { name: 'bad.xml', text: '<Message>\n<Children>\n</Message>' },
      { name: 'blank.csv', text: ' \n ' },
      { name: 'quoted.csv', text: 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"q",1,01/01/2010,,,,\n"open' },
    ];
    const whole = readReturns(files);
    for (const size of [1, 7, 4096]) {
      const reader = new ReturnsReader();
      for (const { name, text } of files) {
        const file = reader.open(name);
        for (let i = 0; i < text.length; i += size) file.write(text.slice(i, i + size));
        file.end();
      }
      expect(reader.finish()).toEqual(whole);
    }
    expect(whole.findings.map((f) => f.file)).toEqual(expect.arrayContaining(['bad.xml', 'blank.csv', 'quoted.csv']));
  });

  it('reads one file at a time', () => {
    const reader = new ReturnsReader();
    const file = reader.open('a.csv');
    expect(() => reader.add({ name: 'b.csv', text: '' })).toThrow();
    file.end();
    expect(() => file.end()).toThrow();
    reader.add({ name: 'b.csv', text: '' });
    expect(reader.finish().findings.map((f) => f.file)).toEqual(['a.csv', 'b.csv']);
  });

  it('gives the same findings, and is finished once', () => {
    const files = [
      { name: 'a.csv', text: 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nx,1,31/02/2010,,,,\n' },
      { name: 'b.txt', text: 'hello' },
      { name: 'c.xml', text: '<Message><Children>' },
    ];
    const reader = new ReturnsReader();
    for (const file of files) reader.add(file);
    const result = reader.finish();
    expect(result.findings.length).toBeGreaterThan(0);
    expect(result).toEqual(readReturns(files));
    expect(() => reader.add(files[0] as (typeof files)[number])).toThrow();
    expect(() => reader.finish()).toThrow();
  });
});
