import fs from 'node:fs';
import path from 'node:path';
import {
  CatalogueSchema,
  describeCatalogueProblems,
  EesSourcesSchema,
  type Catalogue,
  type EesSource,
} from '@indicate/contracts';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { readCsvHeader } from './csv.ts';
import { laitCatalogueEntries } from './lait-catalogue.ts';
import { LaitDictionaryError, readLaitDictionary, type LaitMeasure } from './lait.ts';
import { readMeasureRelations, RELATIONS_FILE } from './relations.ts';

export const CATALOGUE_FILE = 'indicators.yaml';

/** A catalogue that cannot be used; `problems` name the entry and the field of each. */
export class CatalogueError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`The indicator catalogue ${file} has ${problems.length} problem(s):\n  - ${problems.join('\n  - ')}`);
    this.name = 'CatalogueError';
  }
}

export const LAIT_DICTIONARY_FILE = path.join('lait', 'lait_data_dictionary.csv');

/**
 * Reads and validates data/indicators.yaml, including that every DfE column it names exists, and adds an
 * entry for every other measure in LAIT's data dictionary (lait-catalogue.ts).
 */
export function readCatalogue(dataDir: string): Catalogue {
  const file = path.join(dataDir, CATALOGUE_FILE);
  return parseCatalogue(fs.readFileSync(file, 'utf8'), file, path.join(dataDir, 'dfe'));
}

export function parseCatalogue(text: string, file: string, dfeDir: string): Catalogue {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const line = error.linePos?.[0]?.line;
      throw new CatalogueError(file, [
        `${line ? `line ${line}: ` : ''}not valid YAML: ${error.message.split('\n')[0]}`,
      ]);
    }
    throw error;
  }
  const parsed = CatalogueSchema.safeParse(raw);
  if (!parsed.success) throw new CatalogueError(file, describeCatalogueProblems(raw, parsed.error));
  const catalogue = parsed.data;
  const problems = dfeColumnProblems(catalogue, dfeDir);
  const dictionaryFile = path.join(path.dirname(dfeDir), LAIT_DICTIONARY_FILE);
  let dictionary: LaitMeasure[] = [];
  if (fs.existsSync(dictionaryFile)) {
    try {
      dictionary = readLaitDictionary(dictionaryFile);
    } catch (error) {
      if (error instanceof LaitDictionaryError) throw new CatalogueError(dictionaryFile, error.problems);
      throw error;
    }
  } else if (catalogue.indicators.some((i) => i.lait)) {
    problems.push(`LAIT's data dictionary ${dictionaryFile} is missing`);
  }
  problems.push(...laitProblems(catalogue, dictionary));
  if (problems.length > 0) throw new CatalogueError(file, problems);
  const lait = laitCatalogueEntries(dictionary, catalogue);
  if (lait.problems.length > 0) throw new CatalogueError(dictionaryFile, lait.problems);
  const unknownRolling = Object.keys(catalogue.laitPeriodTypes).filter((m) => !dictionary.some((d) => d.short === m));
  if (unknownRolling.length > 0) {
    throw new CatalogueError(
      file,
      unknownRolling.map((m) => `field "laitPeriodTypes.${m}": "${m}" is not a measure in LAIT's data dictionary`),
    );
  }
  const sources = readSources(dfeDir, catalogue);
  const indicators = [...catalogue.indicators, ...lait.indicators];
  const relationsFile = path.join(path.dirname(dfeDir), RELATIONS_FILE);
  const relations =
    dictionary.length > 0 ? readMeasureRelations(relationsFile, new Set(indicators.map((i) => i.id))) : [];
  return { ...catalogue, themes: [...catalogue.themes, ...lait.themes], indicators, relations, sources };
}

export const SOURCES_FILE = 'sources.yaml';

/**
 * data/dfe/sources.yaml: where each DfE file comes from on EES. Every file a catalogue entry reads must be
 * in it, and every file in it must be in data/dfe; a fault stops start-up like a catalogue fault.
 */
function readSources(dfeDir: string, catalogue: Catalogue): EesSource[] {
  const file = path.join(dfeDir, SOURCES_FILE);
  if (!fs.existsSync(file)) throw new CatalogueError(file, ['the DfE sources manifest is missing']);
  let raw: unknown;
  try {
    raw = parseYaml(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    if (error instanceof YAMLParseError)
      throw new CatalogueError(file, [`not valid YAML: ${error.message.split('\n')[0]}`]);
    throw error;
  }
  const parsed = EesSourcesSchema.safeParse(raw);
  if (!parsed.success) {
    throw new CatalogueError(
      file,
      parsed.error.issues.map((issue) => `field "${issue.path.join('.')}": ${issue.message}`),
    );
  }
  const problems: string[] = [];
  const files = new Set<string>();
  parsed.data.sources.forEach((source, i) => {
    if (files.has(source.file)) problems.push(`source ${i + 1}: ${source.file} is listed twice`);
    files.add(source.file);
    if (!fs.existsSync(path.join(dfeDir, source.file)))
      problems.push(`source ${i + 1}: ${source.file} is not in ${dfeDir}`);
  });
  for (const indicator of catalogue.indicators) {
    if (indicator.dfe && !files.has(indicator.dfe.file)) {
      problems.push(`indicator "${indicator.id}" reads ${indicator.dfe.file}, which has no entry here`);
    }
  }
  if (problems.length > 0) throw new CatalogueError(file, problems);
  return parsed.data.sources;
}

/** Each indicator's LAIT measure must be in LAIT's dictionary; its code and label are filled in from it. */
function laitProblems(catalogue: Catalogue, dictionary: LaitMeasure[]): string[] {
  if (dictionary.length === 0) return [];
  const measures = new Map(dictionary.map((m) => [m.short, m]));
  const problems: string[] = [];
  catalogue.indicators.forEach((indicator, i) => {
    if (!indicator.lait) return;
    const measure = measures.get(indicator.lait.measure);
    if (!measure) {
      problems.push(
        `indicator "${indicator.id}" (entry ${i + 1}), field "lait.measure": "${indicator.lait.measure}" is not a measure in LAIT's data dictionary`,
      );
      return;
    }
    indicator.lait = {
      measure: measure.short,
      code: measure.code,
      label: measure.label,
      yearType: measure.yearType,
      nextUpdate: measure.nextUpdate,
    };
  });
  return problems;
}

function dfeColumnProblems(catalogue: Catalogue, dfeDir: string): string[] {
  const problems: string[] = [];
  const headers = new Map<string, string[] | null>();
  catalogue.indicators.forEach((indicator, i) => {
    const dfe = indicator.dfe;
    if (!dfe) return;
    const where = `indicator "${indicator.id}" (entry ${i + 1})`;
    if (!headers.has(dfe.file)) {
      const file = path.join(dfeDir, dfe.file);
      headers.set(dfe.file, fs.existsSync(file) ? readCsvHeader(file) : null);
    }
    const header = headers.get(dfe.file);
    if (!header) {
      problems.push(`${where}, field "dfe.file": ${dfe.file} is not in ${dfeDir}`);
      return;
    }
    const need: Array<[string, string]> = [['dfe.value', dfe.value]];
    for (const column of Object.keys(dfe.filters)) need.push([`dfe.filters.${column}`, column]);
    for (const part of ['numerator', 'denominator'] as const) {
      const count = dfe[part];
      if (typeof count === 'string') need.push([`dfe.${part}`, count]);
      else if (count) {
        need.push([`dfe.${part}.column`, count.column]);
        for (const column of Object.keys(count.filters)) need.push([`dfe.${part}.filters.${column}`, column]);
      }
    }
    for (const [field, column] of need) {
      if (!header.includes(column))
        problems.push(`${where}, field "${field}": column "${column}" is not in ${dfe.file}`);
    }
  });
  return problems;
}
