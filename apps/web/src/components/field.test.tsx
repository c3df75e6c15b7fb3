import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Field } from './field.tsx';

describe('Field', () => {
  it('names its control by the label', () => {
    render(<Field label="Reason">{(control) => <textarea {...control} />}</Field>);
    const reason = screen.getByRole('textbox', { name: 'Reason' });
    expect(reason).not.toBeInvalid();
    expect(reason).not.toHaveAccessibleDescription();
  });

  it('shows a problem beside the field, read out with the control, which is marked invalid', () => {
    render(
      <Field label="Reason" problem="must say why, in at least 10 characters">
        {(control) => <textarea {...control} />}
      </Field>,
    );
    const reason = screen.getByRole('textbox', { name: 'Reason' });
    expect(reason).toBeInvalid();
    expect(reason).toHaveAccessibleDescription('Problem: Reason must say why, in at least 10 characters');
    expect(screen.getByText('must say why', { exact: false })).toBeVisible();
  });

  it('starts the problem with a shorter name when the label is long', () => {
    render(
      <Field
        label="Suppression threshold (counts below it are shown as “fewer than …”)"
        name="The threshold"
        problem="must be 100 or less"
      >
        {(control) => <input type="number" {...control} />}
      </Field>,
    );
    expect(screen.getByRole('spinbutton')).toHaveAccessibleDescription('Problem: The threshold must be 100 or less');
  });
});
