import { PackSchema, type Pack } from '@indicate/contracts';
import { describe, expect, it } from 'vitest';
import { bundledStore, loadFigures, testApp } from './helpers.ts';
import { signIn } from './sign-in.ts';

/**
 * Issue 21, item 8: a pack had two disclosure policies (rows from the full view, breakdowns from the
 * public one) and its PDF printed "0.5% (2)" that the public view hides. One policy now (ADR 0017): the
 * published pack is a public committee paper, drafted from the public view; what that withholds is in a
 * members-only annex with its own PDF, CSV and Excel, marked not for publication.
 */

const QUARTER = [
  'indicator,time_period,time_identifier,geographic_level,old_la_code,value,numerator,denominator,note,source_ref',
  'cp-plans-2-years,201920,Financial year Q1,Local authority,855,0.5,2,400,,para 11',
  'cse-referrals,201920,Financial year Q1,Local authority,855,3,,,,para 12',
  'cse-referrals,201819,Financial year Q4,Local authority,855,40,,,,para 12',
].join('\n');

async function readPdfText(pdf: Buffer): Promise<string> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = getDocument({ data: new Uint8Array(pdf), useSystemFonts: false });
  const document = await task.promise;
  let text = '';
  for (let i = 1; i <= document.numPages; i++) {
    const content = await (await document.getPage(i)).getTextContent();
    text += content.items.map((item) => ('str' in item ? item.str + ' ' : '')).join('');
  }
  await task.destroy();
  return text.replace(/\s+/g, ' ');
}

describe('a committee pack is a public paper with a members-only annex', () => {
  it('prints no small number in the paper, its CSV or Excel; the annex has them, marked not for publication', async () => {
    const store = bundledStore();
    await loadFigures(store, QUARTER);
    const app = await testApp({ store });
    const lead = await signIn(app, store, 'service-lead', { themes: store.catalogue.themes.map((t) => t.id) });
    const commentary = await lead.inject({
      method: 'POST',
      url: '/api/commentary',
      payload: {
        indicatorId: 'cse-referrals',
        la: '855',
        period: '2019-20-Q1',
        text: 'Three girls, all referred by one school.',
      },
    });
    expect(commentary.statusCode, commentary.body).toBe(201);
    const drafted = await lead.inject({
      method: 'POST',
      url: '/api/packs',
      payload: { la: '855', period: '2019-20-Q1' },
    });
    expect(drafted.statusCode, drafted.body).toBe(201);
    const pack: Pack = PackSchema.parse(drafted.json());

    // The body is the public view: the small numbers are not in its rows or paragraphs.
    const cse = pack.rows.find((r) => r.indicator.id === 'cse-referrals')!;
    expect(cse.figure.value).toBeNull();
    expect(cse.figure.suppressed).toBe(true);
    const plans = pack.rows.find((r) => r.indicator.id === 'cp-plans-2-years')!;
    expect(plans.figure.numerator).toBeNull();
    const words = JSON.stringify(pack.paragraphs.map((p) => p.draft));
    expect(words).not.toMatch(/\(2 of 400\)|0\.5%/);
    // The annex has them, and says what the paper leaves out.
    const annexed = new Map(pack.annex.map((a) => [a.row.indicator.id, a]));
    expect(annexed.get('cse-referrals')!.row.figure.value).toBe(3);
    expect(annexed.get('cse-referrals')!.withheld).toContain('the figure');
    expect(annexed.get('cp-plans-2-years')!.row.figure.numerator).toBe(2);

    // An edited paragraph about the withheld figure is people's words about a small number: annex only.
    const edited = await lead.inject({
      method: 'PUT',
      url: `/api/packs/${pack.id}/text`,
      payload: {
        indicatorId: 'cse-referrals',
        kind: 'paragraph',
        text: 'Three referrals this quarter, all from one school.',
      },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const paper = await readPdfText((await lead.inject(`/api/packs/${pack.id}/pdf`)).rawPayload);
    expect(paper).not.toContain('Three referrals this quarter');
    expect(paper).not.toMatch(/0\.5% \(2|\(2 of 400\)|Three girls/);
    expect(paper).toContain('given to members in a separate annex');
    expect(paper).toContain('Commentary on this figure is in the members-only annex');
    const annex = await lead.inject(`/api/packs/${pack.id}/pdf?part=annex`);
    expect(annex.headers['content-disposition']).toMatch(/annex-not-for-publication\.pdf/);
    const annexText = await readPdfText(annex.rawPayload);
    expect(annexText).toContain('NOT FOR PUBLICATION');
    expect(annexText).toContain('(2 of 400)');
    expect(annexText).toContain('Three girls, all referred by one school.');
    expect(annexText).toContain('As edited: Three referrals this quarter, all from one school.');

    const csv = (await lead.inject(`/api/packs/${pack.id}/appendix?format=csv`)).body;
    const lineOf = (text: string, id: string) => text.split('\n').find((l) => l.includes(`,${id},`))!;
    expect(lineOf(csv, 'cse-referrals')).toMatch(/,Q1 2019\/20,,c,/);
    expect(lineOf(csv, 'cp-plans-2-years')).toMatch(/,Q1 2019\/20,,c,/);
    const annexCsv = (await lead.inject(`/api/packs/${pack.id}/appendix?format=csv&part=annex`)).body;
    expect(annexCsv.split('\n')[0]).toMatch(/NOT FOR PUBLICATION/);
    expect(lineOf(annexCsv, 'cse-referrals')).toMatch(/,Q1 2019\/20,3,/);
    const xlsx = await lead.inject(`/api/packs/${pack.id}/appendix?format=xlsx&part=annex`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-disposition']).toMatch(/annex-not-for-publication/);
  }, 120_000);
});
