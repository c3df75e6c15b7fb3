/**
 * The words a councillor meets on the dashboard and in the pack, in plain English: one definition each,
 * shown where the word is used (a "What is this?" disclosure) and all together on the glossary page.
 */

import { BENCHMARK_KEY } from './rag.ts';

export type GlossaryTerm = { id: string; term: string; definition: string };

export const GLOSSARY: readonly GlossaryTerm[] = [
  {
    id: 'rag',
    term: 'RAG status (red, amber, green)',
    definition:
      'A traffic-light judgement of how the council is doing on an indicator. Green is good, amber needs watching and red needs action. It is always shown as a word and a shape (circle green, triangle amber, square red), never by colour alone. It comes either from the national quartile (the committee’s key) or from a target.',
  },
  {
    id: 'rag-key',
    term: 'RAG key',
    definition: `The committee’s rule for turning the national quartile into a RAG status. Green: ${BENCHMARK_KEY.green.toLowerCase()}. Amber: ${BENCHMARK_KEY.amber.toLowerCase()}. Red: ${BENCHMARK_KEY.red.toLowerCase()}. A head of service may override it, giving a reason; the pack then shows both the rule’s status and the final one.`,
  },
  {
    id: 'polarity',
    term: 'Which way is good',
    definition:
      'Whether a higher or a lower figure is better. For re-referrals lower is better; for care leavers in education, training or employment higher is better. Some indicators are context measures: neither higher nor lower is better (the number of children in care, for example), so they have no RAG status and no rank.',
  },
  {
    id: 'direction',
    term: 'Direction of travel',
    definition:
      'Whether the figure got better, worse or stayed similar since the previous period (or the same period last year). "Similar" means the change is within a small amount agreed for the indicator. A first figure is "new"; where the previous figure is missing the change cannot be worked out.',
  },
  {
    id: 'quartile',
    term: 'National quartile',
    definition:
      'All English councils’ figures for the same year, put in order from best to worst and split into four equal groups. The top quartile is the best quarter of councils; the fourth quartile the worst quarter. It is worked out the way DfE’s Local Authority Interactive Tool (LAIT) does.',
  },
  {
    id: 'rank',
    term: 'Rank',
    definition:
      'The council’s place among all councils with a figure that year, 1 being the best. Councils with the same figure share a place.',
  },
  {
    id: 'statistical-neighbours',
    term: 'Statistical neighbours',
    definition:
      'The ten councils DfE judges most like this one (in population, deprivation and similar measures), not the councils next door. The neighbours’ average is the plain average of their figures for the same year. DfE published new groupings in 2025; years before that use the 2021 groupings.',
  },
  {
    id: 'england',
    term: 'England and region',
    definition:
      'The figure for England as a whole, and for the council’s region, for the same year. A count (such as the number of children in care) is not compared with England’s total, which is far larger by nature.',
  },
  {
    id: 'benchmark-year',
    term: 'Benchmark year',
    definition:
      'DfE publishes national figures once a year, 7 to 10 months after the year ends (children in need in October, children in care in November). A quarter is compared with the latest national year that had ended by the end of the quarter and that DfE has published: so this year’s quarters are usually compared with the year before last until DfE’s new year arrives. The year is named beside each comparison, with when DfE plans to publish the next one.',
  },
  {
    id: 'dfe-revision',
    term: 'Revised by DfE',
    definition:
      'Each year DfE publishes a new year of figures and may correct earlier years at the same time, when councils send corrected returns. A figure an earlier committee paper quoted can therefore change afterwards. Indicate names every figure DfE has revised, with the old and the new value, and a pack that quoted one says so.',
  },
  {
    id: 'as-published',
    term: 'As published',
    definition:
      'A comparison copied from an earlier committee paper, where DfE’s file for every council is not loaded. It is kept as the paper printed it.',
  },
  {
    id: 'provisional',
    term: 'Provisional',
    definition: 'A figure that may still change when the data is finalised, usually at the end of the year.',
  },
  {
    id: 'suppressed',
    term: 'Not shown: small number',
    definition:
      'A number too small to show publicly (fewer than 5 children, by default), hidden so that no child can be identified; DfE marks it c (suppressed). Anything that would let it be worked out, such as a change from it, a total or an average, is not shown either. Wherever a figure is hidden for this reason the dashboard and the pack say “Not shown: small number”.',
  },
  {
    id: 'percentage-points',
    term: 'Percentage points',
    definition:
      'The difference between two percentages. Going from 20% to 25% is a rise of 5 percentage points (not of 5%, which would be a rise to 21%).',
  },
  {
    id: 'rate-per-10000',
    term: 'Rate per 10,000 children',
    definition:
      'How many children out of every 10,000 living in the area, so that councils of different sizes can be compared. A rate of 66 means 66 in every 10,000 children.',
  },
  {
    id: 'target',
    term: 'Target',
    definition:
      'The figure the council aims for, set by the service. A tolerance (for example, plus or minus 3) sets how far from the target still counts as amber rather than red.',
  },
  {
    id: 'fostering-household',
    term: 'Fostering household',
    definition:
      'A family the council has approved to look after children in care in their own home. A household may be approved for one child or several: each is a "place". A place is filled when a child lives there and vacant when not.',
  },
  {
    id: 'connected-person',
    term: 'Connected person (family and friends carer)',
    definition:
      'A relative, friend or someone else who already knows the child, approved to foster that child. Mainstream foster carers are approved to look after children they did not know before.',
  },
  {
    id: 'recruitment-funnel',
    term: 'Recruitment funnel',
    definition:
      'The steps from someone first asking about fostering (an enquiry), to applying and being assessed, to the fostering panel and approval. Many people who enquire do not go on; the funnel shows how many reach each step.',
  },
  {
    id: 'assessment-8-months',
    term: 'Assessment within 8 months',
    definition:
      'Government guidance expects the assessment of someone applying to foster to be finished within 8 months of the application. An assessment still open after 8 months, or decided after it, is over the timescale.',
  },
  {
    id: 'regulation-28',
    term: 'Annual review (regulation 28)',
    definition:
      'The Fostering Services (England) Regulations 2011, regulation 28: each foster carer’s approval must be reviewed at least once a year. A review is overdue when a year has passed since the approval or the last review.',
  },
  {
    id: 'nms-25-7',
    term: 'National Minimum Standard 25.7',
    definition:
      'The fostering standard that asks the service to report to the council’s executive every 3 months on how it is managed and how children are doing, and to publish an annual report.',
  },
  {
    id: 'complaint-stages',
    term: 'Complaint stages 1, 2 and 3',
    definition:
      'The law sets three stages for complaints about children’s social care. Stage 1: the team tries to put it right, within 10 working days (20 if extended). Stage 2: an independent investigation, within 25 working days (65 at most). Stage 3: a review panel within 30 working days of the request, its report within 5 and the council’s response within 15.',
  },
  {
    id: 'working-days',
    term: 'Working days',
    definition:
      'Monday to Friday, leaving out England’s bank holidays (such as Christmas Day, Boxing Day and Good Friday). The day a complaint arrives is not counted.',
  },
  {
    id: 'escalation-rate',
    term: 'Escalation rate',
    definition:
      'Of the complaints at one stage, the share the complainant took on to the next stage because they were not satisfied.',
  },
  {
    id: 'complaint-outcomes',
    term: 'Upheld, partly upheld, not upheld',
    definition:
      'Whether the complaint was found to be right (upheld), right in part (partly upheld) or not (not upheld). A withdrawn complaint was ended by the person who made it.',
  },
  {
    id: 'advocate',
    term: 'Advocate',
    definition:
      'Someone independent who helps a child or young person say what they want to say. Children who complain must be told about advocacy and helped to get an advocate.',
  },
  {
    id: 'ombudsman',
    term: 'Local Government and Social Care Ombudsman',
    definition:
      'The independent body people can go to when they are not satisfied after the council’s own complaints procedure. It decides whether to investigate and whether the council was at fault.',
  },
  {
    id: 'action-plan-rag',
    term: 'Action plan status (red, amber, green)',
    definition:
      'Green: good progress, moving towards completion. Amber: on track, but over a longer agreed time or with a linked measure of concern. Red: overdue, or needing further focused work. Indicate proposes a status from each action’s due date and linked measures; the lead can change it, giving a reason, and both are shown.',
  },
  {
    id: 'plan-deadline',
    term: 'Action plan deadline',
    definition:
      'After an inspection, the council must send Ofsted its action plan within 70 working days of receiving the inspection letter, or within 20 working days when Ofsted named a priority action.',
  },
  {
    id: 'priority-action',
    term: 'Priority action',
    definition:
      'Something Ofsted has found so serious that the council must act on it straight away. The action plan is then due in 20 working days, not 70.',
  },
];
