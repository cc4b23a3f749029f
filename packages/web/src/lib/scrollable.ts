/**
 * Keyboard access to what scrolls: a wide table scrolls inside its card (styles.css), and a box that
 * scrolls must be reachable by Tab so that the arrow keys scroll it (WCAG 2.1.1; axe
 * "scrollable-region-focusable"). Every element of the page that scrolls and has nothing to focus
 * in it gets tabindex="0" (and loses it when it no longer scrolls), whichever page drew it.
 */
import { useEffect } from "react";

const MARK = "data-scroll-focus";
const FOCUSABLE = "a[href], button, input, select, textarea, [tabindex]";

function scrolls(el: HTMLElement): boolean {
  const style = getComputedStyle(el);
  const x = el.scrollWidth > el.clientWidth + 1 && /(auto|scroll)/.test(style.overflowX);
  const y = el.scrollHeight > el.clientHeight + 1 && /(auto|scroll)/.test(style.overflowY);
  return x || y;
}

/** Marks the scrolling boxes under `root` focusable (and unmarks those that stopped scrolling). */
export function markScrollables(root: ParentNode): void {
  for (const el of root.querySelectorAll<HTMLElement>(`table, pre, [class*="scroll"], [class*="preview"], [${MARK}]`)) {
    const marked = el.hasAttribute(MARK);
    if (scrolls(el)) {
      if (!marked && !el.hasAttribute("tabindex") && !el.querySelector(FOCUSABLE)) {
        el.setAttribute("tabindex", "0");
        el.setAttribute(MARK, "");
      }
    } else if (marked) {
      el.removeAttribute("tabindex");
      el.removeAttribute(MARK);
    }
  }
}

/** Keeps the scrolling boxes of the page focusable while the page changes and the window is resized. */
export function useScrollableFocus(): void {
  useEffect(() => {
    let frame = 0;
    const schedule = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        markScrollables(document.body);
      });
    };
    const observer = new MutationObserver(schedule);
    observer.observe(document.body, { childList: true, subtree: true });
    window.addEventListener("resize", schedule);
    schedule();
    return () => {
      observer.disconnect();
      window.removeEventListener("resize", schedule);
      cancelAnimationFrame(frame);
    };
  }, []);
}
