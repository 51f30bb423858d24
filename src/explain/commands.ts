// The commands of "why it did not count", for scripts and tests (the argument vocabulary of the other commands):
// capillary.explainPeriod opens the table on a period and resolves with its target's definition and the bills of
// its window, each counted or not with its reasons; capillary.explainTransaction resolves with a bill's evaluation
// log. Neither rejects for an API failure: it resolves `unavailable` with the reason.
import * as vscode from 'vscode';
import { parseArgs } from '../lookup/commandArgs';
import type { LookupCommands } from '../lookup/commands';
import type { Lookup, LookupService } from '../lookup/lookups';
import { shownResult } from '../lookup/lookupState';
import { activeProfile } from '../profiles/settings';
import type { TablePanels } from '../table/tablePanel';
import { errorInfo } from '../table/stateMessage';
import type { EvaluatedRule, NotCountedReason, TargetFilter } from '../shared/explanation';
import type { Explanations } from './explanations';

export interface ExplainPeriodResult {
  status: 'ok' | 'unavailable';
  message?: string;
  /** Absent when the definition could not be read (the message says why). */
  definition?: { targetType: string; targetEntity: string; eventName: string; expression: string; filters: TargetFilter[] };
  transactions: Array<{
    id: string;
    billNumber: string;
    billingTime: string;
    amount: string;
    type: string;
    tracked: boolean;
    eventLogId?: string;
    reasons: NotCountedReason[];
    uncheckedFilters?: Array<'zone-filter' | 'concept-filter'>;
  }>;
  /** Tracked events of the period the join could not place on any bill. */
  unplacedEventCount?: number;
}

export interface ExplainTransactionResult {
  status: 'ok' | 'unparsed' | 'unavailable';
  message?: string;
  rules: EvaluatedRule[];
  raw: string;
}

export class ExplainCommands {
  constructor(
    private readonly lookups: LookupService,
    private readonly explanations: Explanations,
    private readonly panels: TablePanels,
    private readonly lookupCommands: Pick<LookupCommands, 'lookupOfArgument'>,
  ) {}

  register(): vscode.Disposable[] {
    return [
      vscode.commands.registerCommand('capillary.explainPeriod', (arg?: unknown) => this.explainPeriod(arg)),
      vscode.commands.registerCommand('capillary.explainTransaction', (arg?: unknown) => this.explainTransaction(arg)),
    ];
  }

  async explainPeriod(arg: unknown): Promise<ExplainPeriodResult> {
    const lookup = this.lookupCommands.lookupOfArgument('capillary.explainPeriod', arg);
    if (!lookup?.periodId) throw new Error('capillary.explainPeriod takes { userId, targetRuleId, periodId, profile? }: give the period to explain.');
    const periodId = lookup.periodId;
    this.panels.show(lookup);
    await this.fetched(lookup);
    const state = this.lookups.state(lookup);
    const shown = shownResult(state);
    if (!shown?.complete) {
      const message = state.fetch.phase === 'failed' ? errorInfo(state.fetch.error).message : 'The lookup\u2019s events could not be read completely.';
      return { status: 'unavailable', message, transactions: [] };
    }
    const info = await this.explanations.settled(lookup);
    const definitionInfo = info?.definition;
    const definition =
      definitionInfo?.status === 'ok'
        ? (({ targetType, targetEntity, eventName, expression, filters }) => ({ targetType, targetEntity, eventName, expression, filters }))(definitionInfo.definition)
        : undefined;
    const period = info?.periods[periodId];
    if (period?.status !== 'ok') {
      const message = period?.status === 'unavailable' ? period.message : 'The period was not explained.';
      return { status: 'unavailable', message, ...(definition ? { definition } : {}), transactions: [] };
    }
    const transactions = period.transactions.map(({ id, billNumber, billingTime, amount, type, tracked, eventLogId, reasons, uncheckedFilters }) => ({
      id,
      billNumber,
      billingTime,
      amount,
      type,
      tracked,
      ...(eventLogId ? { eventLogId } : {}),
      reasons,
      ...(uncheckedFilters ? { uncheckedFilters } : {}),
    }));
    return { status: 'ok', ...(definition ? { definition } : {}), transactions, unplacedEventCount: period.unplacedEventCount };
  }

  /** `{ billNumber, profile? }`; from the palette it asks for the bill number and shows the rules. */
  async explainTransaction(arg: unknown): Promise<ExplainTransactionResult | undefined> {
    const args = parseArgs('capillary.explainTransaction', arg);
    const billNumber = args?.billNumber ?? (args ? undefined : await vscode.window.showInputBox({ prompt: 'Bill number whose evaluation log to read', ignoreFocusOut: true }));
    if (!billNumber) {
      if (args) throw new Error('capillary.explainTransaction takes { billNumber, profile? }: give the bill number.');
      return undefined;
    }
    const profileName = args?.profile ?? activeProfile()?.name;
    if (!profileName) throw new Error('No Capillary profile is set up. Add one with "Capillary: Add Connection Profile".');
    const log = await this.explanations.evaluationLog(profileName, billNumber);
    const result: ExplainTransactionResult =
      log.status === 'ok'
        ? { status: 'ok', rules: log.rules, raw: log.raw }
        : log.status === 'unparsed'
          ? { status: 'unparsed', message: log.text, rules: [], raw: log.raw }
          : { status: 'unavailable', message: log.message, rules: [], raw: '' };
    if (!args) void vscode.window.showInformationMessage(transactionSummary(billNumber, result));
    return result;
  }

  /** Settles once the lookup's fetch ended (starting it when it never ran) and its target progress settled. */
  private async fetched(lookup: Lookup): Promise<void> {
    if (this.lookups.state(lookup).fetch.phase === 'idle' && !this.lookups.isRunning(lookup)) void this.lookups.run(lookup).catch(() => undefined);
    while (this.lookups.isRunning(lookup) || this.lookups.state(lookup).fetch.phase === 'loading') {
      await new Promise<void>((resolve) => {
        const listener = this.lookups.onDidChange(() => {
          listener.dispose();
          resolve();
        });
      });
    }
    await this.lookups.targetProgressSettled(lookup);
  }
}

function transactionSummary(billNumber: string, result: ExplainTransactionResult): string {
  if (result.status !== 'ok') return `Bill ${billNumber}: ${result.message ?? result.status}`;
  return `Bill ${billNumber}: ${result.rules.map((rule) => `${rule.name} ${rule.result ? 'true' : 'false'}`).join('; ')}`;
}
