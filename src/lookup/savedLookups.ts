// The sidebar's saved lookups, persisted in globalState (IDs and profile names only, never credentials).
import * as vscode from 'vscode';
import { lookupKey, type Lookup } from './lookups';
import { isLongId } from '../shared/rules';

const STATE_KEY = 'capillary.savedLookups';

function isLookup(value: unknown): value is Lookup {
  if (typeof value !== 'object' || value === null) return false;
  const { profileName, userId, targetRuleId, periodId } = value as Record<string, unknown>;
  return typeof profileName === 'string' && isLongId(userId) && isLongId(targetRuleId) && (periodId === undefined || isLongId(periodId));
}

export class SavedLookups implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly memento: vscode.Memento) {}

  list(): Lookup[] {
    const raw = this.memento.get<unknown[]>(STATE_KEY, []);
    return Array.isArray(raw) ? raw.filter(isLookup) : [];
  }

  /** Adds the lookup at the end unless it is saved already; returns whether it was new. */
  add(lookup: Lookup): Promise<boolean> {
    return this.insert(lookup, Infinity);
  }

  /** Removes the lookup; returns where it stood (for an undo), or -1 when it was not saved. */
  async remove(lookup: Lookup): Promise<number> {
    const saved = this.list();
    const index = saved.findIndex((entry) => lookupKey(entry) === lookupKey(lookup));
    if (index === -1) return -1;
    await this.memento.update(STATE_KEY, saved.filter((_, i) => i !== index));
    this.changed.fire();
    return index;
  }

  /** Puts a removed lookup back where it stood (or last, when the list has shrunk since). */
  async restore(lookup: Lookup, index: number): Promise<void> {
    await this.insert(lookup, index);
  }

  /** Saves IDs and the profile name only (never credentials), at `index` or last; false when already saved. */
  private async insert(lookup: Lookup, index: number): Promise<boolean> {
    const saved = this.list();
    if (saved.some((entry) => lookupKey(entry) === lookupKey(lookup))) return false;
    const { profileName, userId, targetRuleId, periodId } = lookup;
    saved.splice(Math.min(index, saved.length), 0, { profileName, userId, targetRuleId, periodId });
    await this.memento.update(STATE_KEY, saved);
    this.changed.fire();
    return true;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
