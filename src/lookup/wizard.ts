// The lookup wizard's steps: the customer ID (checked as you type), then one entry per target rule of that
// customer (from targetGroups), then that rule's periods (from targetPeriods) with "All periods" first. An ID
// typed into a list is used as typed. The targetGroups answer (asked with every cycle, the form the target progress
// needs) comes back with the picked target, so that the lookup need not ask for it again. During a paused debug
// session the customer step offers the IDs among the frame's locals. A list that cannot be loaded closes and rejects
// with the error, so that the wizard stops there and says what fixes it (lookupCommands); except targets refused to
// these credentials (HTTP 403): the lookup needs only a typed rule ID, so the step says why and takes one.
import * as vscode from 'vscode';
import { CapillaryApiError, idValidationMessage, type CapillaryClient, type TargetGroup, type TargetPeriod, type UserTarget, type UserTargetGroups } from '../capillary';
import { formatApiDate, formatDecimalText } from '../shared/display';
import { NOT_AUTHORIZED_CODE } from '../shared/rules';

const TITLE = 'Look Up Tracked Target Events';

/**
 * The customer ID box; pasted surrounding spaces are ignored. `value` refills it when the wizard starts again.
 * During a paused debug session, `found` holds the IDs among the focused frame's locals: they are offered in a
 * list that also takes a typed ID.
 */
export async function promptUserId(value?: string, found: ReadonlyArray<{ id: string; name: string }> = []): Promise<string | undefined> {
  if (found.length > 0) return pickUserId(value, found);
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

async function pickUserId(value: string | undefined, found: ReadonlyArray<{ id: string; name: string }>): Promise<string | undefined> {
  const choices: Choice<string>[] = found.map(({ id, name }) => ({ label: id, description: `${name} in the paused frame`, value: id }));
  const picked = await pickStep<string>({
    title: `${TITLE} (1/3)`,
    placeholder: 'Customer ID (userId): pick one from the paused frame, or type it',
    value,
    fixed: choices,
    load: () => Promise.resolve([]),
    typed: (text) => typedIdChoice('userId', text, (id) => found.some((entry) => entry.id === id), (id) => id),
  });
  return picked?.value;
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
  /** Text the filter starts with. */
  value?: string;
  /** Entries that say why the list could not be loaded, when a typed ID can still go on; else the step rejects. */
  unavailable?: (error: unknown) => Choice<T>[] | undefined;
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
  if (step.value) quickPick.value = step.value;
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
      const show = (items: Choice<T>[]) => {
        loaded = items;
        quickPick.busy = false;
        showItems();
      };
      step.load().then(show, (error: unknown) => {
        const explained = step.unavailable?.(error);
        if (explained) show(explained);
        else reject(error);
      });
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
  field: 'userId' | 'targetRuleId' | 'periodId',
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

/** An entry that only explains (no value): why the list holds no entry to pick, and what to type instead. */
function note<T>(label: string, detail: string): Choice<T> {
  return { label: `$(info) ${label}`, detail, alwaysShow: true };
}

/**
 * The targets list is refused (HTTP 403) to credentials that may still read events: the lookup itself needs only
 * the rule ID, so the step says why there is no list and takes a typed one. Other failures stop the wizard.
 */
function targetsUnavailable(error: unknown): Choice<PickedTarget>[] | undefined {
  if (!(error instanceof CapillaryApiError) || (error.httpStatus !== 403 && error.code !== NOT_AUTHORIZED_CODE)) return undefined;
  return [note('The customer\u2019s targets cannot be listed with these credentials', `${error.message} Type the rule ID (targetRuleId): the lookup needs only that.`)];
}

/** The rule step: the customer's target rules, or a typed rule ID. Rejects when the list cannot be loaded (but for HTTP 403). */
export async function pickTarget(client: CapillaryClient, userId: string): Promise<PickedTarget | undefined> {
  let listed: ReadonlySet<string> = new Set();
  let answer: UserTargetGroups | undefined;
  const picked = await pickStep<PickedTarget>({
    title: `${TITLE} (2/3): target rules of customer ${userId}`,
    placeholder: 'Pick the target rule, or type its ID (targetRuleId, e.g. 1986)',
    fixed: [],
    load: async () => {
      answer = await client.getUserTargetGroups(userId);
      const choices = ruleChoices(answer.targetGroups);
      listed = new Set(choices.flatMap((choice) => (choice.value ? [choice.value.targetRuleId] : [])));
      if (choices.length > 0) return choices;
      return [note(`Customer ${userId} has no targets`, 'Capillary lists no target rule for this customer. Type a rule ID (targetRuleId) to look up its events anyway.')];
    },
    typed: (text) => typedIdChoice('targetRuleId', text, (id) => listed.has(id), (targetRuleId) => ({ targetRuleId })),
    unavailable: targetsUnavailable,
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
      // A typed rule comes without its target group, whose calendar lists the periods.
      if (!groupId) return [note<string>('Periods not listed for a typed rule', 'Its target group is not known here. Take all periods, or type a period ID (periodId).')];
      const periods = await client.getTargetPeriods(groupId);
      listed = new Set(periods.map((period) => period.id));
      return periods.map((period) => periodChoice(period, progress.get(period.id)));
    },
    typed: (text) => typedIdChoice('periodId', text, (id) => listed.has(id), (periodId) => periodId),
  });
  return picked?.value;
}
