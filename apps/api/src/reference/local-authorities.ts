import path from 'node:path';
import { readCsvObjects, readCsvRows } from './csv.ts';

/**
 * The LA register, statistical neighbours and lineage, read from the bundled DfE files. Names, codes
 * and regions are DfE's, never typed in: an LA's latest name and ONS code win, earlier ONS codes are
 * kept so either can name it.
 */

export type LocalAuthorityRecord = {
  oldLaCode: string;
  newLaCode: string;
  name: string;
  regionCode: string;
  regionName: string;
  firstYear: number;
  lastYear: number;
  codeHistory: Array<{ newLaCode: string; firstYear: number; lastYear: number }>;
};

export type StatNeighbourRecord = {
  modelYear: number;
  laCode: string;
  rank: number;
  neighbourCode: string;
  closeness: string;
};

export type LineageRecord = { predecessorCode: string; successorCode: string; effectiveFrom: string; note: string };

/** Files whose Local authority rows make up the register: together they cover 2013 to 2025. */
export const LA_REGISTER_FILES = [
  'c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv',
  'cla_number_and_rate_per_10k_children.csv',
  'ons_mid-year_population_estimates_2012_to_2024.csv',
];

export const STAT_NEIGHBOUR_FILES = [
  {
    modelYear: 2021,
    file: 'New_Statistical_Neighbour_Groupings_April_2021.csv',
    code: 'LA num',
    prefix: 'SN',
    suffix: '',
  },
  { modelYear: 2025, file: 'sn_model_2025_wide.csv', code: 'old_la_code', prefix: 'SN_', suffix: '' },
] as const;

export const LINEAGE_FILE = 'la-lineage.csv';

const LA_CODE = /^\d{3}$/;

/** Every region code the register files use, from Regional rows and from LA rows alike. */
export function readRegions(dfeDir: string): Array<{ code: string; name: string }> {
  const regions = new Map<string, string>();
  for (const file of LA_REGISTER_FILES) {
    for (const row of readCsvObjects(path.join(dfeDir, file))) {
      if (row.geographic_level !== 'Regional' && row.geographic_level !== 'Local authority') continue;
      const code = row.region_code ?? '';
      if (/^E1[23]\d{6}$/.test(code)) regions.set(code, row.region_name ?? code);
    }
  }
  return [...regions.entries()].map(([code, name]) => ({ code, name })).sort((a, b) => a.code.localeCompare(b.code));
}

export function readLocalAuthorities(dfeDir: string): LocalAuthorityRecord[] {
  type Seen = { year: number; newLaCode: string; name: string; regionCode: string; regionName: string };
  const byCode = new Map<string, Seen[]>();
  for (const file of LA_REGISTER_FILES) {
    for (const row of readCsvObjects(path.join(dfeDir, file))) {
      if (row.geographic_level !== 'Local authority') continue;
      const code = row.old_la_code ?? '';
      if (!LA_CODE.test(code)) throw new Error(`${file}: Local authority row with old_la_code "${code}"`);
      const list = byCode.get(code) ?? [];
      list.push({
        year: Number(row.time_period),
        newLaCode: row.new_la_code ?? '',
        name: row.la_name ?? '',
        regionCode: row.region_code ?? '',
        regionName: row.region_name ?? '',
      });
      byCode.set(code, list);
    }
  }
  return [...byCode.entries()]
    .map(([oldLaCode, seen]) => {
      seen.sort((a, b) => a.year - b.year);
      const latest = seen[seen.length - 1]!;
      const history = new Map<string, { newLaCode: string; firstYear: number; lastYear: number }>();
      for (const s of seen) {
        const h = history.get(s.newLaCode);
        if (h) h.lastYear = Math.max(h.lastYear, s.year);
        else history.set(s.newLaCode, { newLaCode: s.newLaCode, firstYear: s.year, lastYear: s.year });
      }
      return {
        oldLaCode,
        newLaCode: latest.newLaCode,
        name: latest.name,
        regionCode: latest.regionCode,
        regionName: latest.regionName,
        firstYear: seen[0]!.year,
        lastYear: latest.year,
        codeHistory: [...history.values()],
      };
    })
    .sort((a, b) => a.oldLaCode.localeCompare(b.oldLaCode));
}

/** DfE writes closeness as "Very Close", "Very close" or "Close " across models; one spelling here. */
export function normaliseCloseness(label: string): string {
  const text = label.trim().toLowerCase();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function readStatNeighbours(dfeDir: string): StatNeighbourRecord[] {
  const records: StatNeighbourRecord[] = [];
  for (const source of STAT_NEIGHBOUR_FILES) {
    const { header, rows } = readCsvRows(path.join(dfeDir, source.file));
    const codeColumn = header.indexOf(source.code);
    rows.forEach((row, i) => {
      const laCode = (row[codeColumn] ?? '').trim();
      // The 2021 file has blank separator rows and an "Old SNs:" heading before pre-reorganisation LAs.
      if (!LA_CODE.test(laCode)) return;
      for (let rank = 1; rank <= 10; rank++) {
        const column = header.indexOf(`${source.prefix}${rank}`);
        const neighbourCode = (row[column] ?? '').trim();
        // Closeness sits in the column after each neighbour (SNP / SN_nP).
        const closeness = normaliseCloseness(row[column + 1] ?? '');
        if (column < 0 || !LA_CODE.test(neighbourCode) || closeness === '') {
          throw new Error(`${source.file} row ${i + 2}: neighbour ${rank} of LA ${laCode} is missing or malformed`);
        }
        records.push({ modelYear: source.modelYear, laCode, rank, neighbourCode, closeness });
      }
    });
  }
  return records;
}

export function readLineage(dataDir: string): LineageRecord[] {
  return readCsvObjects(path.join(dataDir, LINEAGE_FILE)).map((row, i) => {
    const record = {
      predecessorCode: row.predecessor_old_la_code ?? '',
      successorCode: row.successor_old_la_code ?? '',
      effectiveFrom: row.effective_from ?? '',
      note: row.note ?? '',
    };
    if (
      !LA_CODE.test(record.predecessorCode) ||
      !LA_CODE.test(record.successorCode) ||
      !/^\d{4}-\d{2}-\d{2}$/.test(record.effectiveFrom)
    ) {
      throw new Error(`${LINEAGE_FILE} row ${i + 2}: expected two 3-digit LA codes and a date YYYY-MM-DD`);
    }
    return record;
  });
}
