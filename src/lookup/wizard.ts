// The lookup wizard's steps: the customer ID (checked as you type), then one entry per target rule of that
// customer (from targetGroups), then that rule's periods (from targetPeriods) with "All periods" first. An ID
// typed into a list is used as typed. The targetGroups answer (asked with every cycle, the form the target progress
// needs) comes back with the picked target, so that the lookup need not ask for it again. A list that cannot be loaded closes and rejects with the error, so that
// the wizard stops there and says what fixes it (lookupCommands).
import * as vscode from 'vscode';
import { idValidationMessage, type CapillaryClient, type TargetGroup, type TargetPeriod, type UserTarget, type UserTargetGroups } from '../capillary';
import { formatApiDate, formatDecimalText } from '../shared/display';

const TITLE = 'Look Up Tracked Target Events';

/** The customer ID box; pasted surrounding spaces are ignored. `value` refills it when the wizard starts again. */
export async function promptUserId(value?: string): Promise<string | undefined> {
  const typed = await vscode.window.showInputBox({
    title: `${TITLE} (1/3)`,
    prompt: 'Customer ID (userId)',
    placeHolder: 'digits only, e.g. 564332013',
    value,
    ignoreFocusOut: true,
    validateInput: (text) => idValidationMessage('userId', text.trim()),
  });
  return typed?.trim();
}

/** A list entry; one without a value only explains (e.g. why typed text is not an ID) and cannot be accepted. */
export interface Choice<T> extends vscode.QuickPickItem {
  value?: T;
}

interface Step<T> {
  title: string;
  placeholder: string;
  /** Entries shown at once, before the loaded ones; the first is selected. */
  fixed: Choice<T>[];
  load: () => Promise<Choice<T>[]>;
  /** The entry for the text typed into the filter, if it should have one. */
  typed: (text: string, loaded: readonly Choice<T>[]) => Choice<T> | undefined;
}

/** Resolves to the accepted value, or undefined when the list is closed; rejects (closing the list) when loading fails. */
async function pickStep<T>(step: Step<T>): Promise<{ value: T } | undefined> {
  const quickPick = vscode.window.createQuickPick<Choice<T>>();
  quickPick.title = step.title;
  quickPick.placeholder = step.placeholder;
  quickPick.ignoreFocusOut = true;
  quickPick.matchOnDescription = true;
  quickPick.matchOnDetail = true;
  let loaded: Choice<T>[] = [];
  const showItems = () => {
    const typed = step.typed(quickPick.value.trim(), loaded);
    quickPick.items = [...(typed ? [typed] : []), ...step.fixed, ...loaded];
    if (quickPick.value === '' && quickPick.items.length > 0) quickPick.activeItems = [quickPick.items[0]];
  };
  showItems();
  quickPick.busy = true;
  try {
    return await new Promise((resolve, reject) => {
      quickPick.onDidChangeValue(showItems);
      quickPick.onDidAccept(() => {
        const [picked] = quickPick.selectedItems;
        if (picked?.value !== undefined) resolve({ value: picked.value });
      });
      quickPick.onDidHide(() => resolve(undefined));
      step.load().then((items) => {
        loaded = items;
        quickPick.busy = false;
        showItems();
      }, reject);
      quickPick.show();
    });
  } finally {
    quickPick.dispose();
  }
}

/**
 * The entry for text typed into a list: use it when it is a valid ID that no listed entry has, say what is wrong
 * when it starts like an ID but is not one, nothing otherwise (the text then only filters the list).
 */
function typedIdChoice<T>(
  field: 'targetRuleId' | 'periodId',
  text: string,
  listed: (id: string) => boolean,
  value: (id: string) => T,
): Choice<T> | undefined {
  if (!/^\d/.test(text)) return undefined;
  const problem = idValidationMessage(field, text);
  if (problem) return { label: `$(warning) ${problem}`, alwaysShow: true };
  if (listed(text)) return undefined;
  return { label: `$(edit) Use ${field} ${text}`, description: 'as typed', alwaysShow: true, value: value(text) };
}

export interface PickedTarget {
  targetRuleId: string;
  targetGroupId?: string;
  /** The customer's target in each period of the rule (progress), when the rule was picked from the list. */
  targets?: readonly UserTarget[];
  /** The customer's targetGroups answer the list was made of, for the lookup's target progress. */
  targetGroups?: UserTargetGroups;
}

function progressText(target: UserTarget): string {
  if (target.achieved === undefined) return 'no progress reported';
  return target.goal === undefined ? `${formatDecimalText(target.achieved)} achieved` : `${formatDecimalText(target.achieved)} of ${formatDecimalText(target.goal)}`;
}

function datesText(start: string | undefined, end: string | undefined): string | undefined {
  return start ? `${formatApiDate(start)} → ${formatApiDate(end ?? '')}` : undefined;
}

/**
 * One entry per target rule: targetGroups lists a rule once per period, so its periods are folded into one entry
 * that shows the rule's group name, event and tracking type, and the current period's progress.
 */
export function ruleChoices(targetGroups: readonly TargetGroup[]): Choice<PickedTarget>[] {
  const rules = new Map<string, { group: TargetGroup; targets: UserTarget[] }>();
  for (const group of targetGroups) {
    for (const target of group.targets) {
      const rule = rules.get(target.targetRuleId) ?? { group, targets: [] };
      rule.targets.push(target);
      rules.set(target.targetRuleId, rule);
    }
  }
  return [...rules].map(([targetRuleId, { group, targets }]) => {
    const current = targets.find((target) => target.currentPeriod) ?? targets[targets.length - 1];
    const period = `${current.currentPeriod ? 'Current period' : 'Latest period'}${current.periodId ? ` ${current.periodId}` : ''}`;
    return {
      label: `Rule ${targetRuleId} · ${group.name}`,
      description: [current.eventName, group.trackingType].filter(Boolean).join(' · '),
      // No count of periods here: targetGroups lists only the periods with the customer's progress, the next step all of them.
      detail: [`${period}: ${progressText(current)}`, datesText(current.start, current.end)]
        .filter(Boolean)
        .join(' · '),
      value: { targetRuleId, targetGroupId: group.id, targets },
    };
  });
}

/** The rule step: the customer's target rules, or a typed rule ID. Rejects when the list cannot be loaded. */
export async function pickTarget(client: CapillaryClient, userId: string): Promise<PickedTarget | undefined> {
  let listed: ReadonlySet<string> = new Set();
  let answer: UserTargetGroups | undefined;
  const picked = await pickStep<PickedTarget>({
    title: `${TITLE} (2/3)`,
    placeholder: 'Pick the target rule, or type its ID (targetRuleId, e.g. 1986)',
    fixed: [],
    load: async () => {
      answer = await client.getUserTargetGroups(userId);
      const choices = ruleChoices(answer.targetGroups);
      listed = new Set(choices.flatMap((choice) => (choice.value ? [choice.value.targetRuleId] : [])));
      return choices;
    },
    typed: (text) => typedIdChoice('targetRuleId', text, (id) => listed.has(id), (targetRuleId) => ({ targetRuleId })),
  });
  return picked && { ...picked.value, targetGroups: answer };
}

const ALL_PERIODS = '';

function periodChoice(period: TargetPeriod, target: UserTarget | undefined): Choice<string> {
  return {
    label: `Period ${period.id}`,
    description: [period.periodStatus, period.refCode].filter(Boolean).join(' · '),
    detail: [datesText(period.start, period.end), target && progressText(target), period.description]
      .filter(Boolean)
      .join(' · '),
    value: period.id,
  };
}

/** The period step: "All periods" (first and selected), the rule's periods, or a typed period ID. Resolves to '' for all periods. */
export async function pickPeriod(client: CapillaryClient, target: PickedTarget): Promise<string | undefined> {
  const groupId = target.targetGroupId;
  const progress = new Map((target.targets ?? []).map((summary) => [summary.periodId, summary]));
  let listed: ReadonlySet<string> = new Set();
  const picked = await pickStep<string>({
    title: `${TITLE} (3/3)`,
    placeholder: 'Pick a period, or all periods, or type a period ID',
    fixed: [{ label: '$(list-flat) All periods', value: ALL_PERIODS, alwaysShow: true }],
    load: async () => {
      const periods = groupId ? await client.getTargetPeriods(groupId) : [];
      listed = new Set(periods.map((period) => period.id));
      return periods.map((period) => periodChoice(period, progress.get(period.id)));
    },
    typed: (text) => typedIdChoice('periodId', text, (id) => listed.has(id), (periodId) => periodId),
  });
  return picked?.value;
}
