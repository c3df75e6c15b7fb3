import type { ReactNode } from 'react';

/**
 * A wide table's own scrolling area: on a phone the table scrolls sideways inside it while the page stays
 * put. It is a named region that takes focus, so someone on a keyboard can scroll it with the arrow keys.
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {/* On a phone, a visible sign that the table goes on beyond the screen's edge. */}
      <p className="scroll-hint" aria-hidden="true">
        Scroll sideways to see every column →
      </p>
      {children}
    </div>
  );
}
