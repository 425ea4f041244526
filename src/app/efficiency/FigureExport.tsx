import type { RefObject } from 'react';
import { downloadCsv, downloadPng, downloadSvg, type CsvValue } from '../charts';

/** SVG, PNG and CSV export of one figure; the CSV holds the numbers the figure draws. */
export function FigureExport({
  svg,
  name,
  csv,
}: {
  svg: RefObject<SVGSVGElement | null>;
  name: string;
  csv: () => Record<string, CsvValue>[];
}) {
  return (
    <div className="figure-export">
      <button
        type="button"
        onClick={() => svg.current && downloadSvg(svg.current, name)}
        aria-label={`Download ${name} as SVG`}
      >
        SVG
      </button>
      <button
        type="button"
        onClick={() => svg.current && void downloadPng(svg.current, name)}
        aria-label={`Download ${name} as PNG`}
      >
        PNG
      </button>
      <button type="button" onClick={() => downloadCsv(csv(), name)} aria-label={`Download ${name} data as CSV`}>
        CSV
      </button>
    </div>
  );
}
