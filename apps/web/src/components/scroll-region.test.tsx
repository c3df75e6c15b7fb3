import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ScrollRegion } from './scroll-region.tsx';

describe('ScrollRegion', () => {
  it('is a named region that takes focus, so a keyboard can scroll a wide table', () => {
    render(
      <ScrollRegion label="Table of every council's figure">
        <table />
      </ScrollRegion>,
    );
    const region = screen.getByRole('region', { name: "Table of every council's figure" });
    expect(region).toHaveAttribute('tabindex', '0');
    expect(region).toHaveClass('table-scroll');
  });
});
