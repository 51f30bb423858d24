// What the notices above the table and the row markers are made of: rows marked by the lookup's latest change,
// and notices put in place without moving those already on screen.
import type { TableData } from '../../src/shared/messages';
import { formatLocalDateTime } from '../../src/shared/display';
import type { RowMarker } from '../table/virtualTable';

export function markersOf(data: TableData): Map<string, RowMarker> {
  const markers = new Map<string, RowMarker>();
  const changes = data.changes;
  if (!changes) return markers;
  const since = `since the fetch of ${formatLocalDateTime(changes.since)}`;
  for (const id of changes.addedIds) markers.set(id, { kind: 'new', title: `New ${since}` });
  for (const { eventLogId, fields } of changes.changed) markers.set(eventLogId, { kind: 'changed', title: `Changed ${since}: ${fields.join(', ')}` });
  return markers;
}

/**
 * Puts the notices in place. One already on screen with the same elements and attributes (other texts allowed) is
 * kept and takes the new texts: progress and counts arrive with every page, and a kept banner's Cancel button stays
 * put under the pointer while only texts change, not the layout of the notices.
 */
export function replaceNotices(container: HTMLElement, notices: HTMLElement[]): void {
  const shown = [...container.children] as HTMLElement[];
  const kept = notices.map((notice, index) => {
    const old = shown[index];
    if (!old || old === notice || !sameShape(old, notice)) return notice;
    takeTexts(old, notice);
    return old;
  });
  if (kept.length === shown.length && kept.every((notice, index) => notice === shown[index])) return;
  container.replaceChildren(...kept);
}

/**
 * The same tags, classes and attributes all the way down, texts aside (only in elements without element children).
 * A toolkit element's attributes are left out: it sets some of its own once on screen.
 */
function sameShape(a: Element, b: Element): boolean {
  if (a.tagName !== b.tagName || a.className !== b.className || a.children.length !== b.children.length) return false;
  if (!a.tagName.includes('-')) {
    const names = a.getAttributeNames();
    if (names.length !== b.getAttributeNames().length || names.some((name) => a.getAttribute(name) !== b.getAttribute(name))) return false;
  }
  if (a.children.length === 0) return true;
  const directText = (element: Element) => [...element.childNodes].filter((node) => node.nodeType === Node.TEXT_NODE).map((node) => node.textContent).join('');
  return directText(a) === directText(b) && [...a.children].every((child, index) => sameShape(child, b.children[index]));
}

function takeTexts(target: Element, from: Element): void {
  if (from.children.length === 0) {
    if (target.textContent !== from.textContent) target.textContent = from.textContent;
    return;
  }
  [...from.children].forEach((child, index) => takeTexts(target.children[index], child));
}
