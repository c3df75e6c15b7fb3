import { useId, type ReactNode } from 'react';

/** What a form control needs to be named by its label and described by its problem. */
export type ControlProps = { id: string; 'aria-describedby'?: string; 'aria-invalid'?: true };

/**
 * A labelled form control with its problem, if any, between the label and the control, where a screen
 * reader announces it with the control and a sighted person sees it beside the field: "Reason must say
 * why, in at least 10 characters".
 */
export function Field({
  label,
  name = label,
  problem,
  children,
}: {
  label: string;
  /** The field in a sentence, when its label is too long to start one. */
  name?: string;
  problem?: string | undefined;
  children: (control: ControlProps) => ReactNode;
}) {
  const id = useId();
  const problemId = `${id}-problem`;
  const control: ControlProps = problem ? { id, 'aria-describedby': problemId, 'aria-invalid': true } : { id };
  return (
    <div className={problem ? 'field field--invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {problem && (
        <p id={problemId} className="field__problem">
          <span className="visually-hidden">Problem: </span>
          {name} {problem}
        </p>
      )}
      {children(control)}
    </div>
  );
}
