// The one way every value a user reads is written: numbers, counts, dates, event labels and fields, the fetch's
// progress and what an error means. The tree, the table, hovers, notifications, exports' headers and the compare
// view all format through here. Pure, like the rules it builds on: no vscode, no DOM, no node: module, and
// nothing imported from outside src/shared (test/unit/rules-isolation checks this).
export * from './dates';
export * from './errors';
export * from './events';
export * from './numbers';
export * from './progress';
export * from './explanation';
export * from './unavailable';
