/**
 * The keyboard of the spreadsheet grid (components/Grid.tsx) as pure functions: which key does what
 * to the selection and the editor. The grid decides, from the answer, what to save; nothing here
 * knows the server. Clipboard blocks are parsed by `parseTsv` (GridValues.ts).
 */

/** The keys of a keyboard event the grid looks at. */
export interface KeyPress {
  key: string;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

export interface Cell {
  r: number;
  c: number;
}

/** What a key on a selected cell (not being edited) does. */
export type CellKeyAction = { kind: "move"; to: Cell } | { kind: "edit"; text?: string } | { kind: "clear" };

/** What a key in a cell's editor does. */
export type EditorKeyAction = { kind: "cancel" } | { kind: "commit"; then: Cell };

/** A cell inside the grid's bounds (rows × cols, both ≥ 1). */
export function clamp(cell: Cell, rows: number, cols: number): Cell {
  return { r: Math.max(0, Math.min(rows - 1, cell.r)), c: Math.max(0, Math.min(cols - 1, cell.c)) };
}

/**
 * The action of a key on the selected cell `at` of a grid of `rows` × `cols` (the new row counts),
 * or null when the grid leaves the key to the browser (Tab out of the grid's first or last column,
 * shortcuts with Ctrl/⌘/Alt). Moves are clamped to the grid.
 */
export function cellKeyAction(e: KeyPress, at: Cell, rows: number, cols: number, editable: boolean): CellKeyAction | null {
  const move = (r: number, c: number): CellKeyAction => ({ kind: "move", to: clamp({ r, c }, rows, cols) });
  switch (e.key) {
    case "ArrowUp":
      return move(at.r - 1, at.c);
    case "ArrowDown":
      return move(at.r + 1, at.c);
    case "ArrowLeft":
      return move(at.r, at.c - 1);
    case "ArrowRight":
      return move(at.r, at.c + 1);
    case "Home":
      return move(e.ctrlKey ? 0 : at.r, 0);
    case "End":
      return move(e.ctrlKey ? rows - 1 : at.r, cols - 1);
    case "Tab":
      if (e.shiftKey ? at.c > 0 : at.c < cols - 1) return move(at.r, at.c + (e.shiftKey ? -1 : 1));
      return null;
    case "Enter":
    case "F2":
      return { kind: "edit" };
    case "Delete":
    case "Backspace":
      return editable ? { kind: "clear" } : null;
    default:
      // a printable character starts editing with it (replacing the value, as in a spreadsheet)
      if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey && editable) return { kind: "edit", text: e.key };
      return null;
  }
}

/**
 * The action of a key in the editor of cell `at`: Escape cancels; Enter saves and goes down (stays
 * on the last row); Tab / Shift+Tab save and go right / left. Anything else is typing (null).
 */
export function editorKeyAction(e: KeyPress, at: Cell, rows: number, cols: number): EditorKeyAction | null {
  if (e.key === "Escape") return { kind: "cancel" };
  if (e.key === "Enter") return { kind: "commit", then: clamp({ r: at.r + 1 < rows ? at.r + 1 : at.r, c: at.c }, rows, cols) };
  if (e.key === "Tab") return { kind: "commit", then: clamp({ r: at.r, c: at.c + (e.shiftKey ? -1 : 1) }, rows, cols) };
  return null;
}

/** A line of a pasted block placed on the grid: the row it lands on and its cells' columns and texts. */
export interface PlacedLine {
  /** The line's index in the block. */
  index: number;
  /** The grid row (rows at or past `dataRows` are new records). */
  r: number;
  /** The line lands below the stored rows: it becomes a new record. */
  isNew: boolean;
  cells: { c: number; text: string }[];
}

/**
 * Where a block from the clipboard (`parseTsv`) lands when pasted at `at`: each line on the rows
 * downwards, each value on the columns rightwards. Refused ("outside") when a line runs past the
 * last column, or past the stored rows of a grid that takes no new records.
 */
export function placeBlock(block: string[][], at: Cell, dataRows: number, cols: number, takesNewRows: boolean): PlacedLine[] | "outside" {
  const lines: PlacedLine[] = [];
  for (let i = 0; i < block.length; i++) {
    const line = block[i]!;
    const r = at.r + i;
    if (at.c + line.length > cols) return "outside";
    const isNew = r >= dataRows;
    if (isNew && !takesNewRows) return "outside";
    lines.push({ index: i, r, isNew, cells: line.map((text, j) => ({ c: at.c + j, text })) });
  }
  return lines;
}
