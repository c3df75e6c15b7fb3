/** When something happened, the UK way: "23 Nov 2026, 16:05", in UK time. */
export const dateTime = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'Europe/London',
});
