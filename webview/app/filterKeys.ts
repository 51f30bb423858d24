// Escape in the filter field, as in VS Code's find: it clears the filter and gives the keyboard back to the table.

export function clearFilterOnEscape(field: HTMLElement & { value: string }, clear: () => void, returnFocus: () => void): void {
  field.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    if (field.value) {
      field.value = '';
      clear();
    }
    returnFocus();
  });
}
