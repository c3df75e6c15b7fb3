import fs from 'node:fs';
import type { MeasureRelation } from '@indicate/contracts';
import { parse } from 'csv-parse/sync';

/**
 * data/lait/measure-relations.csv: which measures count the same children (a count, its whole, its
 * percentage or rate), found and checked on LAIT's figures (the file's `checked` and `held` columns say on
 * how many council-years). Read at start-up; a row naming a measure the catalogue does not have, or an
 * unknown kind, stops start-up naming the row.
 */
export const RELATIONS_FILE = 'lait/measure-relations.csv';

export function readMeasureRelations(file: string, measureIds: ReadonlySet<string>): MeasureRelation[] {
  if (!fs.existsSync(file)) return [];
  const rows = parse(fs.readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true, trim: true }) as Array<
    Record<string, string>
  >;
  const problems: string[] = [];
  const relations: MeasureRelation[] = [];
  rows.forEach((row, i) => {
    const where = `${file} row ${i + 2}`;
    const known = (field: string) => {
      const id = row[field] ?? '';
      if (!measureIds.has(id)) problems.push(`${where}, column ${field}: "${id}" is not a measure in the catalogue`);
      return id;
    };
    const scale = Number(row.scale);
    if (row.relation === 'percentage' || row.relation === 'rate') {
      if (!(scale > 0)) problems.push(`${where}, column scale: "${row.scale}" is not a positive number`);
    }
    if (row.relation === 'percentage') {
      relations.push({
        kind: 'percentage',
        count: known('count'),
        whole: known('whole'),
        ratio: known('ratio'),
        scale,
      });
    } else if (row.relation === 'rate') {
      relations.push({ kind: 'rate', count: known('count'), ratio: known('ratio'), scale });
    } else if (row.relation === 'part') {
      relations.push({ kind: 'part', count: known('count'), whole: known('whole') });
    } else {
      problems.push(`${where}, column relation: "${row.relation}" is not percentage, rate or part`);
    }
  });
  if (problems.length > 0) throw new Error(`The measure relations cannot be read:\n${problems.join('\n')}`);
  return relations;
}
