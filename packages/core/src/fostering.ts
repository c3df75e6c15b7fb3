/**
 * The fostering service's figures for its quarterly (National Minimum Standard 25.7) and annual reports
 * (issue 24), from the register of fostering households and the recruitment funnel, as Ofsted's annual
 * fostering data collection records them. Dates are ISO days (yyyy-mm-dd).
 * - A household is approved on a day from its approval until its de-registration (the day it ends not counted).
 * - An assessment should be decided within 8 months of the application (the Fostering Services (England)
 *   Regulations 2011 and the assessment guidance); one still open past that, or decided after it, is over.
 * - An approved household is reviewed at least once a year (regulation 28): a review is overdue when a year
 *   has passed since its approval or its last review.
 */

export type FosteringHousehold = {
  id: string;
  type: 'mainstream' | 'connected-person';
  approved: string;
  deregistered: string | null;
  places: number;
  /** Children placed with the household on the day the figures are for. */
  placed: number;
  reviews: readonly string[];
};

export type FosteringAssessment = { id: string; applied: string; decided: string | null };

/** The same day `months` calendar months on (the month's last day where it has fewer days). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

export function isApprovedOn(h: FosteringHousehold, day: string): boolean {
  return h.approved <= day && (h.deregistered === null || h.deregistered > day);
}

/** Households, places, places filled and vacant on a day, by type and in all. */
export function householdsOn(register: readonly FosteringHousehold[], day: string) {
  const approved = register.filter((h) => isApprovedOn(h, day));
  const sum = (list: readonly FosteringHousehold[]) => {
    const places = list.reduce((n, h) => n + h.places, 0);
    const filled = list.reduce((n, h) => n + Math.min(h.placed, h.places), 0);
    return { households: list.length, places, filled, vacant: places - filled };
  };
  return {
    all: sum(approved),
    mainstream: sum(approved.filter((h) => h.type === 'mainstream')),
    connectedPerson: sum(approved.filter((h) => h.type === 'connected-person')),
  };
}

/** Approvals and de-registrations from `from` to `to`, both days counted. */
export function movesBetween(register: readonly FosteringHousehold[], from: string, to: string) {
  return {
    approvals: register.filter((h) => h.approved >= from && h.approved <= to).length,
    deregistrations: register.filter((h) => h.deregistered !== null && h.deregistered >= from && h.deregistered <= to)
      .length,
  };
}

/** Assessments over 8 months: decided after it, or still open on `today` after it. */
export function assessmentsOverEightMonths(
  assessments: readonly FosteringAssessment[],
  today: string,
): FosteringAssessment[] {
  return assessments.filter((a) => {
    const limit = addMonths(a.applied, 8);
    return (a.decided ?? today) > limit;
  });
}

/** Approved households whose annual review is overdue on `day`: a year since approval or the last review. */
export function reviewsOverdue(register: readonly FosteringHousehold[], day: string) {
  return register
    .filter((h) => isApprovedOn(h, day))
    .map((h) => {
      const last = [h.approved, ...h.reviews.filter((r) => r <= day)].sort().at(-1)!;
      return { id: h.id, lastReview: last, due: addMonths(last, 12) };
    })
    .filter((r) => r.due < day);
}

/** The funnel's conversion, as percentages to one decimal place (null with nothing to convert from). */
export function conversion(funnel: { enquiries: number; applications: number; approvals: number }) {
  const rate = (a: number, b: number) => (b === 0 ? null : Math.round((1000 * a) / b) / 10);
  return {
    enquiryToApplication: rate(funnel.applications, funnel.enquiries),
    applicationToApproval: rate(funnel.approvals, funnel.applications),
    enquiryToApproval: rate(funnel.approvals, funnel.enquiries),
  };
}
