import type { IndicatorDetail, IndicatorList } from '@indicate/contracts';
import type { ControlProps } from './field.tsx';

/**
 * A choice of measure from the catalogue, grouped by theme in the catalogue's order (an optgroup a theme):
 * the committee's own indicators first, then LAIT's topics.
 */
export function MeasureSelect({
  list,
  value,
  onChange,
  include = () => true,
  placeholder,
  control,
}: {
  list: IndicatorList;
  value: string;
  onChange: (id: string) => void;
  /** Which measures to offer; the one chosen is always offered. */
  include?: (indicator: IndicatorDetail) => boolean;
  /** A first, empty choice ("Choose a measure"), for a form that adds one. */
  placeholder?: string;
  control: ControlProps;
}) {
  const groups = list.themes
    .map((theme) => ({
      theme,
      indicators: list.indicators.filter((i) => i.theme === theme.id && (i.id === value || include(i))),
    }))
    .filter((group) => group.indicators.length > 0);
  return (
    <select {...control} value={value} onChange={(e) => onChange(e.target.value)}>
      {placeholder !== undefined && <option value="">{placeholder}</option>}
      {groups.map(({ theme, indicators }) => (
        <optgroup key={theme.id} label={theme.label}>
          {indicators.map((indicator) => (
            <option key={indicator.id} value={indicator.id}>
              {indicator.label}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}
