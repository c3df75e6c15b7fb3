import type { LocalAuthorities } from '@indicate/contracts';
import type { ControlProps } from './field.tsx';

type Council = Pick<LocalAuthorities['localAuthorities'][number], 'code' | 'name'>;

/**
 * Each council's name as a list shows it: the name alone, or with its DfE code where two councils share a
 * name (Dorset's county council, 835, and the unitary council that replaced it in 2019, 838).
 */
export function councilLabels(councils: readonly Council[]): Map<string, string> {
  const count = new Map<string, number>();
  for (const c of councils) count.set(c.name, (count.get(c.name) ?? 0) + 1);
  return new Map(councils.map((c) => [c.code, count.get(c.name)! > 1 ? `${c.name} (${c.code})` : c.name]));
}

/** A choice of council, by name in alphabetical order. */
export function CouncilSelect({
  councils,
  value,
  onChange,
  include = () => true,
  placeholder,
  control,
}: {
  councils: readonly Council[];
  value: string;
  onChange: (code: string) => void;
  /** Which councils to offer; the one chosen is always offered. */
  include?: (code: string) => boolean;
  /** A first, empty choice ("Choose a council"), for a form that adds one. */
  placeholder?: string;
  control: ControlProps;
}) {
  const labels = councilLabels(councils);
  const offered = councils
    .filter((c) => c.code === value || include(c.code))
    .sort((a, b) => labels.get(a.code)!.localeCompare(labels.get(b.code)!, 'en-GB'));
  return (
    <select {...control} value={value} onChange={(e) => onChange(e.target.value)}>
      {placeholder !== undefined && <option value="">{placeholder}</option>}
      {offered.map((c) => (
        <option key={c.code} value={c.code}>
          {labels.get(c.code)}
        </option>
      ))}
    </select>
  );
}
