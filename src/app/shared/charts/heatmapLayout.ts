/**
 * Where a heatmap's parts go, from its labels and the width it has: the cell geometry, the turned row title wrapped
 * to the grid's height, column labels turned or thinned when they would overlap, the colour bar's room and the
 * caption's lines. Pure arithmetic on estimated text widths; heatmap.ts draws what this decides.
 */
import { estimateTextWidth, labelStride, wrapInTwo, wrapText } from './chartMath';
import { FONT_SIZE, PAD } from './svgFrame';

export const BAR_WIDTH = 12;
export const BAR_GAP = 14;
export const CAPTION_LINE = 15;
export const LABEL_ANGLE = 40;
/** Line height of the row title when it wraps (turned, so its lines stack left to right). */
export const ROW_TITLE_LINE = FONT_SIZE + 3;

export interface HeatmapLayoutInput {
  width: number;
  /** Baseline of the chart title's last line: the grid starts under it. */
  titleBottom: number;
  rowLabels: readonly string[];
  colLabels: readonly string[];
  rowTitle: string;
  valueLabel: string;
  caption?: string;
  cellHeight?: number | 'square';
  /** The colour bar's provisional tick labels, as they will be printed (they decide the room on the right). */
  barTicks: readonly string[];
  /** A missing cell is shown, so the colour bar keeps room for the hatched key under it. */
  showMissing: boolean;
}

export interface HeatmapLayout {
  top: number;
  left: number;
  gridWidth: number;
  gridHeight: number;
  cellWidth: number;
  cellHeight: number;
  /** The row title's lines (two at most) and its width. */
  rowTitleFit: { lines: string[]; width: number };
  /** Column labels are turned by LABEL_ANGLE. */
  rotate: boolean;
  colLabelBand: number;
  /** Every how many rows and columns a label is drawn. */
  rowStride: number;
  colStride: number;
  barHeight: number;
  bodyHeight: number;
  captionLines: string[];
  /** The whole figure's height. */
  height: number;
}

export function heatmapLayout(input: HeatmapLayoutInput): HeatmapLayout {
  const { width, rowLabels, colLabels } = input;
  const rows = rowLabels.length;
  const cols = colLabels.length;
  // Horizontal layout: row title | row labels | grid | colour bar with ticks and title.
  const top = input.titleBottom + 14;
  const rowLabelWidth = Math.max(0, ...rowLabels.map((l) => estimateTextWidth(l, FONT_SIZE)));
  const barTickWidth = Math.max(0, ...input.barTicks.map((t) => estimateTextWidth(t, FONT_SIZE)));
  const right = BAR_GAP + BAR_WIDTH + 8 + barTickWidth + 10 + FONT_SIZE + PAD;
  const cellWidthAt = (left: number) => Math.max(40, width - left - right) / Math.max(1, cols);
  const cellHeightAt = (left: number) =>
    input.cellHeight === 'square'
      ? cellWidthAt(left)
      : (input.cellHeight ?? Math.min(34, Math.max(18, cellWidthAt(left) * 0.6)));
  // The turned row title runs along the grid's height: it wraps to that height (two lines at most, each line
  // widening the left margin), and a grid of few rows grows its cells until the title fits beside it, rather than
  // run into the chart title or the column labels.
  const oneLineLeft = PAD + FONT_SIZE + 10 + rowLabelWidth + 6;
  const rowTitleFit = wrapInTwo(input.rowTitle, rows > 0 ? rows * cellHeightAt(oneLineLeft) : 120, FONT_SIZE);
  const left = oneLineLeft + (rowTitleFit.lines.length - 1) * ROW_TITLE_LINE;
  const gridWidth = Math.max(40, width - left - right);
  const cellWidth = cellWidthAt(left);
  const cellHeight = Math.max(cellHeightAt(left), rows > 0 ? (rowTitleFit.width + 4) / rows : 0);
  const gridHeight = rows > 0 ? rows * cellHeight : Math.max(120, rowTitleFit.width + 4);

  // Column labels turn when they would not fit side by side.
  const colLabelWidth = Math.max(0, ...colLabels.map((l) => estimateTextWidth(l, FONT_SIZE)));
  const rotate = colLabelWidth > cellWidth - 6;
  const radians = (LABEL_ANGLE * Math.PI) / 180;
  const colLabelBand = rotate ? colLabelWidth * Math.sin(radians) + FONT_SIZE + 8 : FONT_SIZE + 8;
  // Labels that would overlap (small cells: an attention matrix over many tokens) are drawn every m-th cell;
  // the read-out still names every cell. Turned labels are FONT_SIZE / sin(angle) apart along the axis.
  const rowStride = labelStride(cellHeight, FONT_SIZE + 1);
  const colStride = labelStride(cellWidth, rotate ? (FONT_SIZE + 1) / Math.sin(radians) : colLabelWidth + 4);
  // Tall enough for its own turned title, too.
  const barHeight = Math.max(gridHeight, 90, estimateTextWidth(input.valueLabel, FONT_SIZE) + 8);
  const bodyHeight = Math.max(gridHeight + colLabelBand + FONT_SIZE + 12, barHeight + (input.showMissing ? 24 : 0));
  const captionLines = input.caption ? wrapText(input.caption, width - 2 * PAD, FONT_SIZE) : [];
  const height = Math.ceil(
    top + bodyHeight + (captionLines.length > 0 ? 10 + captionLines.length * CAPTION_LINE : 0) + PAD,
  );
  return {
    top,
    left,
    gridWidth,
    gridHeight,
    cellWidth,
    cellHeight,
    rowTitleFit,
    rotate,
    colLabelBand,
    rowStride,
    colStride,
    barHeight,
    bodyHeight,
    captionLines,
    height,
  };
}
