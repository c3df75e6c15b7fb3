/** When something happened, the UK way: "23 Nov 2026, 16:05", in UK time. */
export const dateTime = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'Europe/London',
});

/** A day, in full: "23 November 2026", in UK time (the date a pack's figures were loaded). */
export const longDate = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Europe/London' });
