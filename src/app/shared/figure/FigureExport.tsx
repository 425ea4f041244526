import { useState } from 'react';
import { downloadCsv, downloadPng, downloadSvg, type CsvValue } from '../export/exportFigure';
import { describeError } from '../format/describeError';

interface Props {
  /** Names the figure in the buttons' accessible names and in the file names. */
  title: string;
  fileName: string;
  svg(): SVGSVGElement | null;
  rows(): Record<string, CsvValue>[];
  /** Draws a pending update so the file shows what is on screen. */
  flush?(): void;
}

/** SVG, PNG and CSV downloads for one figure. */
export function FigureExport({ title, fileName, svg, rows, flush }: Props) {
  const [error, setError] = useState<string | null>(null);
  const withSvg = async (save: (el: SVGSVGElement) => void | Promise<void>) => {
    setError(null);
    flush?.();
    const el = svg();
    if (!el) return;
    try {
      await save(el);
    } catch (e) {
      setError(describeError(e));
    }
  };
  return (
    <div className="figure-export">
      <span className="muted">Export:</span>
      <button
        type="button"
        aria-label={`Download ${title} as SVG`}
        onClick={() => void withSvg((el) => downloadSvg(el, fileName))}
      >
        SVG
      </button>
      <button
        type="button"
        aria-label={`Download ${title} as PNG`}
        onClick={() => void withSvg((el) => downloadPng(el, fileName))}
      >
        PNG
      </button>
      <button
        type="button"
        aria-label={`Download the data of ${title} as CSV`}
        onClick={() => {
          setError(null);
          try {
            downloadCsv(rows(), fileName);
          } catch (e) {
            setError(describeError(e));
          }
        }}
      >
        CSV
      </button>
      {error && (
        <span role="alert" className="status-error">
          {error}
        </span>
      )}
    </div>
  );
}
