import { useEffect } from 'react';

/** The browser tab says which page this is: "Audit log: Indicate". */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = `${title}: Indicate`;
  }, [title]);
}
