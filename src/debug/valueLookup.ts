// "Look Up Events for This Customer": starts a lookup from a value where the ID already is — the editor's
// selection or the number under the cursor, a debugger variable, a `userId=…` link in the terminal.
import * as vscode from 'vscode';
import type { LookupResult } from '../capillary';
import { evaluateInPausedFrame } from './debugExpression';
import { findUserIdMentions, readLookupArgument, type ArgumentReading } from './lookupFromValue';

/** The lookup routes a value continues on: straight to the events when the target is known, else the wizard. */
export interface LookupRoutes {
  lookupEvents(args: object): Promise<LookupResult | undefined>;
  lookupForCustomer(userId: string, profileName?: string): Promise<LookupResult | undefined>;
}

// Digits with the suffixes and wrappers a Long is printed with, so that the cursor anywhere on it finds all of it.
const NUMBER_AT_CURSOR = /(?:NumberLong|Long)\(\s*["']?\d+["']?\s*\)|\d+[Lln]?/;

/** The active editor's selection, or the number under its cursor; '' when there is neither. */
function editorValue(): string | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const { document, selection } = editor;
  if (!selection.isEmpty) return document.getText(selection);
  const range = document.getWordRangeAtPosition(selection.active, NUMBER_AT_CURSOR);
  return range ? document.getText(range) : '';
}

/**
 * The Watch view passes its expression itself rather than `{ variable }`; its value may arrive under `_value`
 * (the model's field) once the object is serialised for the extension host.
 */
function asVariableArgument(arg: object): object {
  const given = arg as Record<string, unknown>;
  if ('variable' in given || 'value' in given || typeof given.name !== 'string') return arg;
  return typeof given._value === 'string' ? { variable: { name: given.name, value: given._value } } : arg;
}

interface UserIdLink extends vscode.TerminalLink {
  lookupText: string;
}

export class ValueLookup {
  constructor(private readonly routes: LookupRoutes) {}

  register(): vscode.Disposable[] {
    return [
      vscode.commands.registerCommand('capillary.lookupFromValue', (arg?: unknown) => this.lookUp(arg)),
      vscode.commands.registerCommand('capillary.lookupFromDebugExpression', (arg?: unknown) => this.lookUpDebugExpression(arg)),
      vscode.window.registerTerminalLinkProvider({
        provideTerminalLinks: (context): UserIdLink[] =>
          findUserIdMentions(context.line).map((mention) => ({ ...mention, tooltip: 'Look up tracked target events for this customer' })),
        handleTerminalLink: (link: UserIdLink) => {
          this.lookUp(link.lookupText).catch((error: unknown) => {
            void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
          });
        },
      }),
    ];
  }

  /**
   * Reads the IDs from the argument (a string, a debug view's `{ variable }`, `{ value }`; the editor's text when
   * the editor menu passes its document) and rejects with what was found when there is no userId to read.
   */
  async lookUp(arg?: unknown): Promise<LookupResult | undefined> {
    const value = arg === undefined || arg instanceof vscode.Uri ? editorValue() : typeof arg === 'object' && arg !== null ? asVariableArgument(arg) : arg;
    return this.follow(readLookupArgument(value));
  }

  /**
   * Evaluates `expression` (asked for when the argument has none) in the focused frame of the paused debug session,
   * as the Watch view would, and reads the userId from its value like `lookUp` reads a debug variable; the
   * argument's targetRuleId, periodId and profile win over IDs found in the value.
   */
  async lookUpDebugExpression(arg?: unknown): Promise<LookupResult | undefined> {
    const given = typeof arg === 'object' && arg !== null ? (arg as Record<string, unknown>) : {};
    const expression =
      typeof given.expression === 'string' && given.expression.trim() !== ''
        ? given.expression
        : await vscode.window.showInputBox({
            title: 'Look Up From Debug Expression',
            prompt: 'An expression whose value holds the customer ID, evaluated in the paused frame (as in the Watch view)',
            placeHolder: 'order.customer.userId',
            ignoreFocusOut: true,
          });
    if (expression === undefined || expression.trim() === '') return undefined;
    const value = await evaluateInPausedFrame(expression);
    return this.follow(readLookupArgument({ ...given, variable: { name: expression, value } }));
  }

  private follow(reading: ArgumentReading): Promise<LookupResult | undefined> {
    if (!reading.ok) throw new Error(reading.message);
    const { userId, targetRuleId, periodId } = reading.ids;
    if (targetRuleId) return this.routes.lookupEvents({ userId, targetRuleId, periodId, profile: reading.profile });
    return this.routes.lookupForCustomer(userId, reading.profile);
  }
}
