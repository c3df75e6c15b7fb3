import type { IndicatorDetail } from '@indicate/contracts';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { blocksOf, MeasureFacts, Methodology } from './measure-notes.tsx';

describe('blocksOf: text as DfE writes it', () => {
  it('makes a paragraph of each block between blank lines', () => {
    expect(blocksOf('Numerator: children.\n\nDenominator: population\nestimates.')).toEqual([
      { kind: 'paragraph', text: 'Numerator: children.' },
      { kind: 'paragraph', text: 'Denominator: population estimates.' },
    ]);
  });

  it('makes one list of bullet lines, even when each is its own paragraph', () => {
    expect(blocksOf('Deaths are:\n\n- early neonatal\n\n- perinatal\n- neonatal\n\nLinked data.')).toEqual([
      { kind: 'paragraph', text: 'Deaths are:' },
      { kind: 'list', items: ['early neonatal', 'perinatal', 'neonatal'] },
      { kind: 'paragraph', text: 'Linked data.' },
    ]);
  });
});

const detail = (changes: Partial<IndicatorDetail>) =>
  ({ origin: 'lait', lait: null, quartile: true, ...changes }) as IndicatorDetail;

describe('Methodology', () => {
  it("shows DfE's methodology in paragraphs, its addresses as links, and where DfE explains it", () => {
    render(
      <Methodology
        detail={detail({
          methodology: 'Numerator: children.\n\nFurther details: https://www.ons.gov.uk/methods.',
          link: 'https://fingertips.phe.org.uk/profile/child-health-profiles',
        })}
      />,
    );
    expect(screen.getByRole('heading', { name: 'How it is measured' })).toBeVisible();
    expect(screen.getByText('Numerator: children.').tagName).toBe('P');
    expect(screen.getByRole('link', { name: 'https://www.ons.gov.uk/methods' })).toHaveAttribute(
      'href',
      'https://www.ons.gov.uk/methods',
    );
    expect(screen.getByRole('link', { name: 'Where DfE explains it' })).toHaveAttribute(
      'href',
      'https://fingertips.phe.org.uk/profile/child-health-profiles',
    );
    expect(screen.getByText('(on fingertips.phe.org.uk)')).toBeVisible();
  });

  it('shows nothing for a measure without them', () => {
    const { container } = render(<Methodology detail={detail({ methodology: null, link: null })} />);
    expect(container).toBeEmptyDOMElement();
  });
});

describe('MeasureFacts', () => {
  const facts = (d: IndicatorDetail) =>
    render(
      <dl>
        <MeasureFacts detail={d} />
      </dl>,
    );

  it("names the LAIT measure that gives a council indicator's national figures", () => {
    facts(
      detail({ origin: 'council', lait: { short: 'RevCP', code: '19', label: 'Review of Child Protection Cases' } }),
    );
    expect(screen.getByText('National figures').nextSibling).toHaveTextContent(
      "From DfE's LAIT measure “Review of Child Protection Cases”",
    );
  });

  it("gives DfE's source, and says when DfE shows no quartiles", () => {
    facts(detail({ sourceDetail: 'csww_indicators_2017_to_2023.csv', quartile: false }));
    expect(screen.getByText("DfE's source").nextSibling).toHaveTextContent('csww_indicators_2017_to_2023.csv');
    expect(screen.getByText('DfE shows no quartiles for this measure')).toBeVisible();
  });

  it('leaves out a source DfE gives as NA, and says nothing of quartiles where there are some', () => {
    facts(detail({ sourceDetail: 'NA' }));
    expect(screen.queryByText("DfE's source")).toBeNull();
    expect(screen.queryByText(/quartiles/)).toBeNull();
  });
});
