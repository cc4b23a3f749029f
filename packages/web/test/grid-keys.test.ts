/** The grid's keyboard as pure decisions (components/gridKeys.ts): moves, edits, clearing, the editor's keys. */
import { describe, expect, it } from "vitest";
import { cellKeyAction, editorKeyAction, placeBlock } from "../src/components/gridKeys.ts";

const at = (r: number, c: number) => ({ r, c });

describe("a key on a selected cell", () => {
  it("arrows move one cell and stop at the edges", () => {
    expect(cellKeyAction({ key: "ArrowDown" }, at(1, 1), 3, 4, true)).toEqual({ kind: "move", to: at(2, 1) });
    expect(cellKeyAction({ key: "ArrowDown" }, at(2, 1), 3, 4, true)).toEqual({ kind: "move", to: at(2, 1) });
    expect(cellKeyAction({ key: "ArrowUp" }, at(0, 1), 3, 4, true)).toEqual({ kind: "move", to: at(0, 1) });
    expect(cellKeyAction({ key: "ArrowLeft" }, at(1, 0), 3, 4, true)).toEqual({ kind: "move", to: at(1, 0) });
    expect(cellKeyAction({ key: "ArrowRight" }, at(1, 3), 3, 4, true)).toEqual({ kind: "move", to: at(1, 3) });
  });

  it("Home and End go to the row's ends, with Ctrl to the grid's corners", () => {
    expect(cellKeyAction({ key: "Home" }, at(2, 2), 3, 4, false)).toEqual({ kind: "move", to: at(2, 0) });
    expect(cellKeyAction({ key: "End" }, at(1, 0), 3, 4, false)).toEqual({ kind: "move", to: at(1, 3) });
    expect(cellKeyAction({ key: "Home", ctrlKey: true }, at(2, 2), 3, 4, false)).toEqual({ kind: "move", to: at(0, 0) });
    expect(cellKeyAction({ key: "End", ctrlKey: true }, at(0, 0), 3, 4, false)).toEqual({ kind: "move", to: at(2, 3) });
  });

  it("Tab moves across the row but leaves the grid from its first and last column (the page's next control)", () => {
    expect(cellKeyAction({ key: "Tab" }, at(0, 1), 3, 4, true)).toEqual({ kind: "move", to: at(0, 2) });
    expect(cellKeyAction({ key: "Tab", shiftKey: true }, at(0, 1), 3, 4, true)).toEqual({ kind: "move", to: at(0, 0) });
    expect(cellKeyAction({ key: "Tab" }, at(0, 3), 3, 4, true)).toBeNull();
    expect(cellKeyAction({ key: "Tab", shiftKey: true }, at(0, 0), 3, 4, true)).toBeNull();
  });

  it("Enter and F2 open the editor; a typed character opens it with that character, only where the cell is editable", () => {
    expect(cellKeyAction({ key: "Enter" }, at(0, 0), 3, 4, true)).toEqual({ kind: "edit" });
    expect(cellKeyAction({ key: "F2" }, at(0, 0), 3, 4, true)).toEqual({ kind: "edit" });
    expect(cellKeyAction({ key: "7" }, at(0, 0), 3, 4, true)).toEqual({ kind: "edit", text: "7" });
    expect(cellKeyAction({ key: "7" }, at(0, 0), 3, 4, false)).toBeNull();
    // shortcuts stay the browser's (copy, paste)
    expect(cellKeyAction({ key: "c", ctrlKey: true }, at(0, 0), 3, 4, true)).toBeNull();
    expect(cellKeyAction({ key: "v", metaKey: true }, at(0, 0), 3, 4, true)).toBeNull();
  });

  it("Delete and Backspace clear an editable cell and do nothing on a read-only one", () => {
    expect(cellKeyAction({ key: "Delete" }, at(0, 0), 3, 4, true)).toEqual({ kind: "clear" });
    expect(cellKeyAction({ key: "Backspace" }, at(0, 0), 3, 4, true)).toEqual({ kind: "clear" });
    expect(cellKeyAction({ key: "Delete" }, at(0, 0), 3, 4, false)).toBeNull();
  });
});

describe("a key in the editor", () => {
  it("Escape cancels; Enter saves and goes down, staying on the last row; Tab saves and goes sideways", () => {
    expect(editorKeyAction({ key: "Escape" }, at(1, 1), 3, 4)).toEqual({ kind: "cancel" });
    expect(editorKeyAction({ key: "Enter" }, at(1, 1), 3, 4)).toEqual({ kind: "commit", then: at(2, 1) });
    expect(editorKeyAction({ key: "Enter" }, at(2, 1), 3, 4)).toEqual({ kind: "commit", then: at(2, 1) });
    expect(editorKeyAction({ key: "Tab" }, at(1, 1), 3, 4)).toEqual({ kind: "commit", then: at(1, 2) });
    expect(editorKeyAction({ key: "Tab", shiftKey: true }, at(1, 0), 3, 4)).toEqual({ kind: "commit", then: at(1, 0) });
    expect(editorKeyAction({ key: "a" }, at(1, 1), 3, 4)).toBeNull();
  });
});

describe("a block pasted from the clipboard", () => {
  it("lands from the selected cell down and right; lines below the stored rows become new records", () => {
    expect(
      placeBlock(
        [
          ["1", "2"],
          ["3", "4"],
        ],
        at(1, 1),
        2,
        4,
        true,
      ),
    ).toEqual([
      {
        index: 0,
        r: 1,
        isNew: false,
        cells: [
          { c: 1, text: "1" },
          { c: 2, text: "2" },
        ],
      },
      {
        index: 1,
        r: 2,
        isNew: true,
        cells: [
          { c: 1, text: "3" },
          { c: 2, text: "4" },
        ],
      },
    ]);
  });

  it("is refused whole when a line runs past the last column, or below a grid that takes no new rows", () => {
    expect(placeBlock([["1", "2", "3"]], at(0, 2), 2, 4, true)).toBe("outside");
    expect(placeBlock([["1"], ["2"], ["3"]], at(0, 0), 2, 4, false)).toBe("outside");
    expect(placeBlock([["1"], ["2"]], at(0, 0), 2, 4, false)).toEqual([
      { index: 0, r: 0, isNew: false, cells: [{ c: 0, text: "1" }] },
      { index: 1, r: 1, isNew: false, cells: [{ c: 0, text: "2" }] },
    ]);
  });
});
