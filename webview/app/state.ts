// What the user has set up in the table (filters, sort, collapsed periods). It lives only in memory: the
// persisted webview state is the lookup and the column widths, so a reload starts from a clean view of fresh data.
import type { ColumnId, SortSpec, ViewOptions } from '../table/model';

export class TableViewState {
  filterText = '';
  eventLabel = '';
  flaggedOnly = false;
  sort?: SortSpec;
  /** Collapsed periods by periodId, so that the choice survives a refresh that reorders groups. */
  private readonly collapsedPeriods = new Set<string>();

  /** First click sorts ascending; clicking the sorted column again flips the direction. */
  toggleSort(column: ColumnId): void {
    this.sort =
      this.sort?.column === column && this.sort.direction === 'ascending'
        ? { column, direction: 'descending' }
        : { column, direction: 'ascending' };
  }

  isCollapsed(periodId: string): boolean {
    return this.collapsedPeriods.has(periodId);
  }

  setCollapsed(periodId: string, collapsed: boolean): void {
    if (collapsed) this.collapsedPeriods.add(periodId);
    else this.collapsedPeriods.delete(periodId);
  }

  setAllCollapsed(periodIds: readonly string[], collapsed: boolean): void {
    if (!collapsed) this.collapsedPeriods.clear();
    else for (const id of periodIds) this.collapsedPeriods.add(id);
  }

  get filtering(): boolean {
    return this.filterText.trim() !== '' || this.eventLabel !== '' || this.flaggedOnly;
  }

  viewOptions(periodIds: readonly string[]): ViewOptions {
    const collapsed = new Set<number>();
    periodIds.forEach((id, index) => {
      if (this.collapsedPeriods.has(id)) collapsed.add(index);
    });
    return { filterText: this.filterText, eventLabel: this.eventLabel, flaggedOnly: this.flaggedOnly, sort: this.sort, collapsed };
  }
}
