/** Builds small SSDA903 and CIN files inline for tests: every value written out, defaults for the rest. */
import { computeFromReturns } from './compute.ts';
import type { ComputedFigure, ComputeResult, PopulationYear, ReturnFile, ReturnsIndicator } from './types.ts';

export interface EpisodeSpec {
  decom: string;
  dec?: string;
  rne?: string;
  ls?: string;
  place?: string;
  provider?: string;
  rec?: string;
}

export interface LookedAfterChild {
  dob: string;
  sex?: string;
  episodes: EpisodeSpec[];
}

export const csvFile = (name: string, header: string, rows: string[]): ReturnFile => ({
  name,
  text: `${[header, ...rows].join('\n')}\n`,
});

export const HEADER_COLUMNS = 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB';
export const EPISODE_COLUMNS =
  'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN';

/** A Header and an Episodes file for the children (ids are the keys). */
export function lookedAfter(children: Record<string, LookedAfterChild>): ReturnFile[] {
  const header = Object.entries(children).map(([id, c]) => `${id},${c.sex ?? 'M'},${c.dob},WBRI,A123,,`);
  const episodes = Object.entries(children).flatMap(([id, c]) =>
    c.episodes.map(
      (e) =>
        `${id},${e.decom},${e.rne ?? 'S'},${e.ls ?? 'C2'},N1,${e.place ?? 'U4'},${e.provider ?? 'PR1'},${e.dec ?? ''},${e.rec ?? (e.dec ? 'X1' : '')},,,,`,
    ),
  );
  return [csvFile('header.csv', HEADER_COLUMNS, header), csvFile('episodes.csv', EPISODE_COLUMNS, episodes)];
}

export interface CinChildSpec {
  dob?: string;
  sex?: string;
  referrals: {
    date: string;
    closure?: string;
    assessments?: { start: string; authorised?: string }[];
    plans?: { start: string; end?: string; previous?: number; reviews?: string[] }[];
  }[];
}

const element = (name: string, value: string | undefined) => (value === undefined ? '' : `<${name}>${value}</${name}>`);

/** A CIN census XML for the children (ids are the keys). */
export function cinCensus(children: Record<string, CinChildSpec>, name = 'cin.xml', year = '2025'): ReturnFile {
  const body = Object.entries(children)
    .map(([id, c]) => {
      const referrals = c.referrals
        .map((r) => {
          const assessments = (r.assessments ?? [])
            .map(
              (a) =>
                `<Assessments>${element('AssessmentActualStartDate', a.start)}${element('AssessmentAuthorisationDate', a.authorised)}</Assessments>`,
            )
            .join('');
          const plans = (r.plans ?? [])
            .map(
              (p) =>
                `<ChildProtectionPlans>${element('CPPstartDate', p.start)}${element('CPPendDate', p.end)}` +
                `${element('NumberOfPreviousCPP', p.previous === undefined ? undefined : String(p.previous))}` +
                `<Reviews>${(p.reviews ?? []).map((d) => element('CPPreviewDate', d)).join('')}</Reviews></ChildProtectionPlans>`,
            )
            .join('');
          return `<CINdetails>${element('CINreferralDate', r.date)}${element('CINclosureDate', r.closure)}${assessments}${plans}</CINdetails>`;
        })
        .join('\n');
      return `<Child><ChildIdentifiers><LAchildID>${id}</LAchildID>${element('PersonBirthDate', c.dob ?? '2015-01-01')}<Sex>${c.sex ?? 'F'}</Sex></ChildIdentifiers>\n${referrals}\n</Child>`;
    })
    .join('\n');
  return {
    name,
    text:
      `<?xml version="1.0" encoding="utf-8"?>\n<Message><Header><CollectionDetails><Collection>CIN</Collection>` +
      `<Year>${year}</Year><ReferenceDate>${year}-03-31</ReferenceDate></CollectionDetails><Source><LEA>999</LEA></Source></Header>\n` +
      `<Children>\n${body}\n</Children></Message>\n`,
  };
}

export function run(files: ReturnFile[], asAt: string, population?: PopulationYear[]): ComputeResult {
  return computeFromReturns(files, { asAt, population });
}

export function figure(result: ComputeResult, indicator: ReturnsIndicator): ComputedFigure {
  if (result.errors.length > 0) throw new Error(`errors: ${result.errors.map((e) => e.message).join('; ')}`);
  const found = result.figures.find((f) => f.indicator === indicator);
  if (!found) throw new Error(`no figure ${indicator}`);
  return found;
}

/** The children (or units) in the numerator and in the denominator, sorted, for asserting who counted. */
export function who(f: ComputedFigure): { numerator: string[]; denominator: string[] } {
  const label = (u: ComputedFigure['units'][number]) => (u.unit ? `${u.child} ${u.unit}` : u.child);
  return {
    numerator: f.units
      .filter((u) => u.inNumerator && u.inDenominator)
      .map(label)
      .sort(),
    denominator: f.units
      .filter((u) => u.inDenominator)
      .map(label)
      .sort(),
  };
}
