/**
 * Checks what the figures depend on. Errors stop the computation; warnings are listed beside the figures.
 *
 * Codes are checked against the lists of the collection year they belong to (`codes.ts`): RNE, LS, PLACE and
 * PLACE_PROVIDER by the year of DECOM (an episode keeps the codes it started with, so an H5 placement begun
 * before April 2024 stays valid while it lasts), REC by the year of DEC, MISSING by the year of MIS_START.
 * OC3 codes by the collection year of the OC3 file (`ReturnsData.fileYears`). Header SEX has no date of its
 * own: it must be valid in at least one year from the earliest episode's collection year on (any year when
 * there are no episodes), and so must OC3 codes from a file whose year nothing gives.
 *
 * DfE's rule numbers are given where the check is the same as the rule the sector's open validators
 * (csc-validator-be-903 and csc-validator-be-cin) implement: SSDA903 101, 102, 131, 132, 133, 141, 143,
 * 144, 146, 147, 148, 149, 166, 356, 433, 501, 1004-1006; CIN 8608, 8630, 8925, 8940. Other checks leave
 * `rule` empty.
 */
import { SHORT_BREAK_LS } from './care.ts';
import { distinctPlans } from './children-in-need.ts';
import { isValidCode, isValidInYears, LATEST_CODE_YEAR, type CodedField } from './codes.ts';
import { collectionYear, formatUk, type Day } from './dates.ts';
import type { FindingList } from './findings.ts';
import type { Episode, ReturnsData, Source } from './model.ts';
import type { Finding } from './types.ts';

// DfE's SSDA903 rule numbers, as the sector's open validator (quality-lac-data-beta-validator) names them.
const RULE_CODES: Partial<Record<CodedField, string>> = {
  SEX: '101',
  RNE: '143',
  LS: '144',
  PLACE: '146',
  REC: '149',
  MISSING: '1006',
  IN_TOUCH: '131',
  ACTIV: '132',
  ACCOM: '133',
};

function codeFinding(
  findings: FindingList,
  table: string,
  src: Source,
  child: string,
  field: CodedField,
  code: string,
  year: number | null,
): void {
  findings.add(`code-${field}`, {
    severity: 'error',
    file: src.file,
    table,
    row: src.row,
    child,
    field,
    rule: field === 'REC' && code === '' ? '148' : RULE_CODES[field],
    message:
      code === ''
        ? `${field} is blank`
        : `${field} "${code}" is not a valid code${year === null ? '' : ` in collection year ${year - 1}-${String(year).slice(2)}`}`,
  });
}

function checkEpisodeCodes(findings: FindingList, episode: Episode): void {
  if (episode.decom === null) return;
  const year = collectionYear(episode.decom);
  const check = (field: CodedField, code: string, blankAllowed: boolean, codeYear: number) => {
    if (code === '' ? !blankAllowed : !isValidCode(field, code, codeYear)) {
      codeFinding(findings, 'Episodes', episode, episode.child, field, code, codeYear);
    }
  };
  check('RNE', episode.rne, false, year);
  check('LS', episode.ls, false, year);
  check('PLACE', episode.place, false, year);
  check('PLACE_PROVIDER', episode.provider, true, year);
  if (episode.dec !== null) check('REC', episode.rec, false, collectionYear(episode.dec));
}

function validateEpisodes(data: ReturnsData, findings: FindingList): { first: number; last: number } | null {
  const at = (episode: Episode, field: string, message: string, rule?: string): Finding => ({
    severity: 'error',
    file: episode.file,
    table: 'Episodes',
    row: episode.row,
    child: episode.child,
    field,
    rule,
    message,
  });
  let first = Infinity;
  let last = -Infinity;
  const headerMissing = data.tables.has('Episodes') && !data.tables.has('Header');
  if (headerMissing) {
    findings.add('no-header', {
      severity: 'error',
      table: 'Header',
      file: data.tables.get('Episodes')?.[0],
      message: 'the Episodes table was given without a Header table (dates of birth and sex): add the Header file',
    });
  }
  for (const episode of data.episodes) {
    if (episode.decom !== null) {
      first = Math.min(first, collectionYear(episode.decom));
      last = Math.max(last, collectionYear(episode.dec ?? episode.decom));
    }
    checkEpisodeCodes(findings, episode);
    if (episode.dec === null && episode.rec !== '') {
      findings.add('rec-on-open-episode', {
        ...at(episode, 'REC', `REC is ${episode.rec} but DEC is blank: the episode is taken as open`, '148'),
        severity: 'warning',
      });
    }
    if (!headerMissing && !data.header.has(episode.child)) {
      findings.add('not-in-header', at(episode, 'CHILD', `child ${episode.child} is in Episodes but not in Header`));
    }
    if (episode.decom !== null && episode.dec !== null && episode.dec < episode.decom) {
      const message = `DEC ${formatUk(episode.dec)} is before DECOM ${formatUk(episode.decom)}`;
      findings.add('dec-before-decom', at(episode, 'DEC', message, '356'));
    }
  }
  // The chain is checked over every episode, short breaks included, as DfE's continuity rule 433 reads it:
  // an episode following on from a short break that ended the day it began is in order (it starts a new
  // period of care: see care.ts).
  let truncated = 0;
  let example: Episode | undefined;
  let previous: Episode | undefined;
  for (const episode of data.episodes) {
    if (episode.decom === null) continue;
    const decom = episode.decom;
    if (previous === undefined || previous.child !== episode.child) {
      previous = episode;
      if (episode.rne !== 'S' && !SHORT_BREAK_LS.has(episode.ls)) {
        truncated++;
        example ??= episode;
      }
      continue;
    }
    if (previous.dec === null || previous.dec > decom) {
      const ended = previous.dec === null ? 'has not ended' : `ends ${formatUk(previous.dec)}`;
      const message = `the episode starting ${formatUk(decom)} overlaps the one before it (from ${formatUk(previous.decom as Day)}, which ${ended})`;
      findings.add('episodes-overlap', at(episode, 'DECOM', message, '501'));
    } else if (previous.dec !== decom && episode.rne !== 'S') {
      const message = `the episode starting ${formatUk(decom)} does not follow on from the one before (which ended ${formatUk(previous.dec)}) but its RNE is ${episode.rne}, not S`;
      findings.add('chain-restarts', at(episode, 'RNE', message, '433'));
    }
    previous = episode;
  }
  if (truncated > 0 && example) {
    findings.add('history-starts-mid-period', {
      severity: 'warning',
      file: example.file,
      table: 'Episodes',
      field: 'RNE',
      message: `${truncated} ${truncated === 1 ? "child's" : "children's"} first episode in the files is not RNE S (for example child ${example.child}, from ${formatUk(example.decom as Day)}): their period of care began before the files start, and is taken to begin at that episode. Add earlier years' files if long-term stability or the 12-month rules need them.`,
    });
  }
  return first <= last ? { first, last } : null;
}

function validateSsda903(data: ReturnsData, findings: FindingList): void {
  const years = validateEpisodes(data, findings);
  // Header SEX and OC3 codes have no date: valid in some collection year from the earliest episode's on
  // (an open episode may run into years whose dates the files do not show).
  const inSpan = (field: CodedField, code: string) =>
    years
      ? isValidInYears(field, code, years.first, Math.max(years.last, LATEST_CODE_YEAR))
      : isValidCode(field, code, null);
  for (const row of data.header.values()) {
    if (!inSpan('SEX', row.sex)) codeFinding(findings, 'Header', row, row.child, 'SEX', row.sex, null);
  }
  for (const row of data.oc3) {
    const check = (field: CodedField, code: string) => {
      const valid = row.year === 0 ? inSpan(field, code) : isValidCode(field, code, row.year);
      if (!valid) codeFinding(findings, 'OC3', row, row.child, field, code, row.year === 0 ? null : row.year);
    };
    check('IN_TOUCH', row.inTouch);
    check('ACTIV', row.activ);
    check('ACCOM', row.accom);
  }
  for (const row of data.missing) {
    const year = row.start === null ? null : collectionYear(row.start);
    if (row.missing === '' || !isValidCode('MISSING', row.missing, year)) {
      codeFinding(findings, 'Missing', row, row.child, 'MISSING', row.missing, year);
    }
    if (row.start !== null && row.end !== null && row.end < row.start) {
      findings.add('missing-end-before-start', {
        severity: 'warning',
        file: row.file,
        table: 'Missing',
        row: row.row,
        child: row.child,
        field: 'MIS_END',
        message: `MIS_END ${formatUk(row.end)} is before MIS_START ${formatUk(row.start)}`,
      });
    }
  }
  for (const row of data.oc2) {
    const flag = (field: string, value: string) => {
      if (value !== '' && value !== '0' && value !== '1') {
        findings.add(`oc2-${field}`, {
          severity: 'error',
          file: row.file,
          table: 'OC2',
          row: row.row,
          child: row.child,
          field,
          message: `${field} "${value}" is not 1, 0 or blank`,
        });
      }
    };
    flag('HEALTH_CHECK', row.healthCheck);
    flag('TEETH_CHECK', row.teethCheck);
    flag('IMMUNISATIONS', row.immunisations);
    if (row.sdqScore !== '' && !(/^\d{1,2}$/.test(row.sdqScore) && Number(row.sdqScore) <= 40)) {
      findings.add('oc2-SDQ_SCORE', {
        severity: 'error',
        file: row.file,
        table: 'OC2',
        row: row.row,
        child: row.child,
        field: 'SDQ_SCORE',
        message: `SDQ_SCORE "${row.sdqScore}" is not a whole number from 0 to 40`,
      });
    }
  }
}

function validateCin(data: ReturnsData, findings: FindingList): void {
  if (!data.cin) return;
  for (const child of data.cin.children.values()) {
    for (const plan of distinctPlans(child).repeated) {
      findings.add('cin-plan-twice', {
        severity: 'warning',
        table: 'CIN',
        child: child.child,
        field: 'CPPstartDate',
        rule: '8940',
        message: `the child protection plan starting ${formatUk(plan.start as Day)} is recorded more than once: counted once`,
      });
    }
    for (const referral of child.referrals) {
      const error = (field: string, message: string, rule: string) =>
        findings.add(`cin-${field}`, {
          severity: 'error',
          file: referral.file,
          table: 'CIN',
          child: child.child,
          field,
          rule,
          message,
        });
      if (referral.date !== null && referral.closure !== null && referral.closure < referral.date) {
        error(
          'CINclosureDate',
          `the referral of ${formatUk(referral.date)} is closed on ${formatUk(referral.closure)}, before it started`,
          '8630',
        );
      }
      for (const assessment of referral.assessments) {
        if (assessment.start !== null && assessment.authorised !== null && assessment.authorised < assessment.start) {
          error(
            'AssessmentAuthorisationDate',
            `an assessment started ${formatUk(assessment.start)} is authorised on ${formatUk(assessment.authorised)}, before it started`,
            '8608',
          );
        }
      }
      for (const plan of referral.plans) {
        if (plan.start !== null && plan.end !== null && plan.end < plan.start) {
          error(
            'CPPendDate',
            `a child protection plan starting ${formatUk(plan.start)} ends on ${formatUk(plan.end)}, before it started`,
            '8925',
          );
        }
      }
    }
  }
}

/** Validates the data as read, adding to `findings`. */
export function validateReturns(data: ReturnsData, findings: FindingList): void {
  validateSsda903(data, findings);
  validateCin(data, findings);
}
