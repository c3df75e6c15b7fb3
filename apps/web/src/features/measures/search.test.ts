import { describe, expect, it } from 'vitest';
import { MeasuresSearchSchema, searchMeasures, shortDefinition, wordsOf, type Searchable } from './search.ts';

/** Four measures as the catalogue describes them (definitions shortened). */
const measure = (id: string, fields: Omit<Searchable, 'shortLabel'> & { shortLabel?: string }) => ({
  id,
  shortLabel: fields.label,
  ...fields,
});
const RTA = measure('lait-rta', {
  label: 'Children killed or seriously injured in road traffic accidents',
  shortLabel: 'Children killed or seriously injured in road traffic…',
  definition:
    'Road traffic collisions are a major cause of deaths in children.\n\nCrude rate of children aged 0-15 years per 100,000 population',
  theme: 'lait-health-and-wellbeing',
  themeLabel: 'Health and Wellbeing',
});
const INFANT = measure('lait-inf-mort', {
  label: 'Infant Mortality',
  definition: 'The infant mortality rate per 1,000 live births, from the ONS.',
  theme: 'lait-health-and-wellbeing',
  themeLabel: 'Health and Wellbeing',
});
const REPEAT = measure('cp-repeat-plans', {
  label: 'Child protection plans that are a second or subsequent plan',
  shortLabel: 'Repeat CP plans',
  definition: 'Of the children who became the subject of a plan, the percentage for whom it was a second plan.',
  theme: 'child-protection',
  themeLabel: 'Referrals, assessment and child protection',
});
const WORKFORCE = measure('lait-agency-rate', {
  label: 'Agency worker rate',
  definition: "Agency social workers as a share of all children's social workers, some recruited from abroad.",
  theme: 'lait-children-s-services-workforce',
  themeLabel: "Children's Services Workforce",
});
const CATALOGUE = [REPEAT, RTA, INFANT, WORKFORCE];
const ids = (found: Array<{ id: string }>) => found.map((m) => m.id);

describe('searchMeasures', () => {
  it('finds a measure when every word matches, in any case', () => {
    expect(ids(searchMeasures(CATALOGUE, { q: 'road traffic' }))).toEqual(['lait-rta']);
    expect(ids(searchMeasures(CATALOGUE, { q: 'ROAD Traffic' }))).toEqual(['lait-rta']);
    // "road" is there, "rail" is not: every word must match.
    expect(ids(searchMeasures(CATALOGUE, { q: 'road rail' }))).toEqual([]);
  });

  it('searches the name, the short label, the definition and the theme', () => {
    expect(ids(searchMeasures(CATALOGUE, { q: 'killed' }))).toEqual(['lait-rta']);
    expect(ids(searchMeasures(CATALOGUE, { q: 'repeat' }))).toEqual(['cp-repeat-plans']);
    expect(ids(searchMeasures(CATALOGUE, { q: 'live births' }))).toEqual(['lait-inf-mort']);
    expect(ids(searchMeasures(CATALOGUE, { q: 'wellbeing' }))).toEqual(['lait-rta', 'lait-inf-mort']);
    // Words from different places still make a match.
    expect(ids(searchMeasures(CATALOGUE, { q: 'infant health' }))).toEqual(['lait-inf-mort']);
  });

  it('matches the start of a word, not the middle of one', () => {
    expect(ids(searchMeasures(CATALOGUE, { q: 'child' }))).toEqual(['cp-repeat-plans', 'lait-rta', 'lait-agency-rate']);
    // "road" is inside "abroad" (the workforce definition) but starts no word there.
    expect(ids(searchMeasures(CATALOGUE, { q: 'road' }))).toEqual(['lait-rta']);
  });

  it('ignores apostrophes and punctuation', () => {
    expect(ids(searchMeasures(CATALOGUE, { q: 'childrens services' }))).toEqual(['lait-agency-rate']);
    expect(ids(searchMeasures(CATALOGUE, { q: "children's services" }))).toEqual(['lait-agency-rate']);
    expect(ids(searchMeasures(CATALOGUE, { q: '0-15' }))).toEqual(['lait-rta']);
  });

  it('puts measures whose name holds every word before those found in the definition', () => {
    // "children" is in the name of the road traffic measure and only in the definition of the plans one.
    expect(ids(searchMeasures([REPEAT, RTA], { q: 'children' }))).toEqual(['lait-rta', 'cp-repeat-plans']);
  });

  it('keeps to the chosen theme, with or without words', () => {
    expect(ids(searchMeasures(CATALOGUE, { theme: 'lait-health-and-wellbeing' }))).toEqual([
      'lait-rta',
      'lait-inf-mort',
    ]);
    expect(ids(searchMeasures(CATALOGUE, { q: 'rate', theme: 'lait-health-and-wellbeing' }))).toEqual([
      'lait-rta',
      'lait-inf-mort',
    ]);
    expect(ids(searchMeasures(CATALOGUE, { q: 'road', theme: 'child-protection' }))).toEqual([]);
  });

  it('gives every measure, in the catalogue order, when there are no words', () => {
    expect(ids(searchMeasures(CATALOGUE, {}))).toEqual(ids(CATALOGUE));
    expect(ids(searchMeasures(CATALOGUE, { q: '  ' }))).toEqual(ids(CATALOGUE));
  });
});

describe('wordsOf', () => {
  it('lowers the case and drops accents, apostrophes and punctuation', () => {
    expect(wordsOf("Children's Services: Café 16-17")).toEqual(['childrens', 'services', 'cafe', '16', '17']);
  });
});

describe('shortDefinition', () => {
  it('keeps a short first paragraph whole', () => {
    expect(shortDefinition(RTA.definition)).toBe('Road traffic collisions are a major cause of deaths in children.');
  });

  it('ends a paragraph that introduces a list with an ellipsis, not a colon', () => {
    expect(shortDefinition('Costs of the leaving care team. Including, for example:\n\n- staff\n- overheads')).toBe(
      'Costs of the leaving care team. Including, for example…',
    );
  });

  it('cuts a long paragraph after the last whole sentence that fits', () => {
    const text = `${'A first sentence of some length. '.repeat(5)}And a last one that goes on and on well past the limit.`;
    const short = shortDefinition(text, 120);
    expect(short).toBe('A first sentence of some length. '.repeat(3).trim());
    expect(short.length).toBeLessThanOrEqual(120);
  });

  it('does not take a decimal point for the end of a sentence', () => {
    const text = 'Alcohol misuse is estimated to cost the NHS about £3.5 billion per year and society as a whole more.';
    expect(shortDefinition(text, 60)).toBe('Alcohol misuse is estimated to cost the NHS about £3.5…');
  });

  it('cuts one long sentence at a word, with an ellipsis', () => {
    const text = 'One very long sentence with no full stop until the very end of a great many words.';
    expect(shortDefinition(text, 40)).toBe('One very long sentence with no full stop…');
  });
});

describe("the Measures page's address", () => {
  it('keeps words and a theme, and drops a theme that is not a theme id', () => {
    expect(MeasuresSearchSchema.parse({ q: 'road traffic', theme: 'child-protection' })).toEqual({
      q: 'road traffic',
      theme: 'child-protection',
    });
    expect(MeasuresSearchSchema.parse({ theme: '<script>' })).toEqual({ q: undefined, theme: undefined });
  });
});
