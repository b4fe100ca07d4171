// The bench-mode shell: the 3D view alone. Panels, legends and the job bar are left out so that
// React work on progress updates does not count against the viewer (the deck.gl page has no UI either).
import { useEffect } from 'react';
import { CityCanvas } from '../../scene/CityCanvas.tsx';
import { startBench } from './benchMode.ts';

export function BenchApp({ data }: { data: string | null }) {
  useEffect(() => {
    startBench(data); // once per page, even when StrictMode runs effects twice
  }, [data]);
  return (
    <div className="app bench">
      <CityCanvas />
    </div>
  );
}
