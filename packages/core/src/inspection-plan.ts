import { dayWords } from './report-document.ts';
import { addWorkingDays, workingDaysBetween } from './working-days.ts';

/**
 * The inspection action plan (issue 24): after an Ofsted inspection the council sends its action plan within
 * 70 working days of the letter (20 where Ofsted names a priority action), and reports progress to the
 * committee every six months, each recommendation with a RAG status and its reason. The status an action is
 * proposed here, from its due date, whether it is done and the RAG of the Indicate measures it is linked to;
 * a person may override it with a reason, as any RAG.
 */

export const PLAN_WORKING_DAYS = { standard: 70, priority: 20 } as const;

/** The last day the action plan may be sent: 70 working days after the letter, 20 for a priority action. */
export function planDeadline(letterDate: string, priority: boolean): string {
  return addWorkingDays(letterDate, priority ? PLAN_WORKING_DAYS.priority : PLAN_WORKING_DAYS.standard);
}

export type Rag = 'green' | 'amber' | 'red';

export type PlanAction = {
  due: string;
  /** The day it was completed (with its evidence), or null. */
  completed: string | null;
};

/** Working days before a due day within which an unfinished action is amber. */
export const DUE_SOON_WORKING_DAYS = 20;

/**
 * The proposed status of one action, and why in words: done is green; overdue is red; otherwise amber when it
 * is due within 20 working days or a linked measure is red or amber, else green.
 */
export function proposeActionRag(
  action: PlanAction,
  linked: readonly Rag[],
  today: string,
): { status: Rag; reason: string } {
  if (action.completed !== null)
    return {
      status: 'green',
      reason: `Completed on ${dayWords(action.completed)}${action.completed > action.due ? `, after it was due (${dayWords(action.due)})` : ''}.`,
    };
  if (today > action.due) {
    const late = workingDaysBetween(action.due, today);
    return {
      status: 'red',
      reason: `Overdue: it was due on ${dayWords(action.due)}, ${late} working day${late === 1 ? '' : 's'} ago.`,
    };
  }
  const reds = linked.filter((r) => r === 'red').length;
  const ambers = linked.filter((r) => r === 'amber').length;
  const left = workingDaysBetween(today, action.due);
  const reasons: string[] = [];
  if (left <= DUE_SOON_WORKING_DAYS)
    reasons.push(
      left === 0
        ? 'due today and not yet done'
        : `due on ${dayWords(action.due)}, in ${left} working day${left === 1 ? '' : 's'}, and not yet done`,
    );
  if (reds > 0) reasons.push(`${reds} linked measure${reds === 1 ? ' is' : 's are'} red`);
  else if (ambers > 0) reasons.push(`${ambers} linked measure${ambers === 1 ? ' is' : 's are'} amber`);
  if (reasons.length > 0) return { status: 'amber', reason: `${capitalise(reasons.join('; '))}.` };
  return {
    status: 'green',
    reason: `On track: due on ${dayWords(action.due)}${linked.length > 0 ? ', and its linked measures are green' : ''}.`,
  };
}

/** A recommendation's status: its worst action's (red over amber over green); none without actions. */
export function recommendationRag(actions: readonly Rag[]): Rag | null {
  if (actions.length === 0) return null;
  if (actions.includes('red')) return 'red';
  if (actions.includes('amber')) return 'amber';
  return 'green';
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
