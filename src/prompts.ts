// The lookup wizard's prompts: input boxes that validate IDs as you type, and quick picks of the customer's
// targets and periods (from the targetGroups / targetPeriods endpoints) with typing as the fallback.
import * as vscode from 'vscode';
import { idValidationMessage, type CapillaryClient, type TargetPeriod } from './api';
import type { Log } from './log';

const TITLE = 'Look Up Tracked Target Events';

export async function promptId(field: 'userId' | 'targetRuleId' | 'periodId', step: string, prompt: string): Promise<string | undefined> {
  const value = await vscode.window.showInputBox({
    title: `${TITLE} (${step})`,
    prompt,
    placeHolder: 'digits only, e.g. 564332013',
    ignoreFocusOut: true,
    validateInput: (text) => idValidationMessage(field, text),
  });
  return value?.trim();
}

interface Choice<T> extends vscode.QuickPickItem {
  value?: T;
  typeInstead?: boolean;
}

/** A quick pick filled asynchronously; resolves to the picked value, 'type' for "Enter ID…", or undefined. */
async function pickAsync<T>(
  title: string,
  placeholder: string,
  fixed: Choice<T>[],
  load: () => Promise<Choice<T>[]>,
  onLoadFailed: (error: unknown) => string,
): Promise<{ value: T } | 'type' | undefined> {
  const quickPick = vscode.window.createQuickPick<Choice<T>>();
  quickPick.title = title;
  quickPick.placeholder = placeholder;
  quickPick.ignoreFocusOut = true;
  quickPick.matchOnDescription = true;
  quickPick.matchOnDetail = true;
  quickPick.items = fixed;
  quickPick.busy = true;
  let closed = false;
  load().then(
    (loaded) => {
      if (closed) return;
      quickPick.items = [...loaded, ...fixed];
      quickPick.busy = false;
    },
    (error: unknown) => {
      if (closed) return;
      quickPick.placeholder = onLoadFailed(error);
      quickPick.busy = false;
    },
  );
  try {
    return await new Promise((resolve) => {
      quickPick.onDidAccept(() => {
        const [picked] = quickPick.selectedItems;
        if (!picked) return;
        resolve(picked.typeInstead ? 'type' : { value: picked.value as T });
        quickPick.hide();
      });
      quickPick.onDidHide(() => resolve(undefined));
      quickPick.show();
    });
  } finally {
    closed = true;
    quickPick.dispose();
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export interface PickedTarget {
  targetRuleId: string;
  targetGroupId?: string;
}

export async function pickTarget(client: CapillaryClient, userId: string, log: Log): Promise<PickedTarget | undefined> {
  const picked = await pickAsync<PickedTarget>(
    `${TITLE} (2/3)`,
    'Pick the target (targetRuleId) or type it',
    [{ label: '$(edit) Enter target rule ID…', typeInstead: true, alwaysShow: true }],
    async () => {
      const { targetGroups } = await client.getUserTargetGroups(userId);
      return targetGroups.flatMap((group) =>
        group.targets.map((target) => ({
          label: `Rule ${target.targetRuleId}${target.targetName ? ` · ${target.targetName}` : ''}`,
          description: `${group.name}${group.trackingType ? ` (${group.trackingType})` : ''}`,
          detail: [target.eventName, target.periodStartDate && `${target.periodStartDate} → ${target.periodEndDate ?? ''}`]
            .filter(Boolean)
            .join(' · '),
          value: { targetRuleId: target.targetRuleId, targetGroupId: group.id },
        })),
      );
    },
    (error) => {
      log.warn(`Could not list the targets of user ${userId}: ${errorText(error)}`);
      return `Could not list this customer's targets (${errorText(error)}); enter the ID instead.`;
    },
  );
  if (picked === undefined) return undefined;
  if (picked === 'type') {
    const typed = await promptId('targetRuleId', '2/3', 'Target rule ID (targetRuleId)');
    return typed === undefined ? undefined : { targetRuleId: typed };
  }
  return picked.value;
}

const ALL_PERIODS = '';

function periodChoice(period: TargetPeriod): Choice<string> {
  const dates = period.startDate ? `${period.startDate} → ${period.endDate ?? ''}` : undefined;
  return {
    label: `Period ${period.id}`,
    description: [period.periodStatus, period.refCode].filter(Boolean).join(' · '),
    detail: [dates, period.description].filter(Boolean).join(' · '),
    value: period.id,
  };
}

/** Resolves to a periodId, '' for all periods, or undefined when cancelled. */
export async function pickPeriod(client: CapillaryClient, target: PickedTarget, log: Log): Promise<string | undefined> {
  const fixed: Choice<string>[] = [
    { label: '$(list-flat) All periods', value: ALL_PERIODS, alwaysShow: true },
    { label: '$(edit) Enter period ID…', typeInstead: true, alwaysShow: true },
  ];
  const groupId = target.targetGroupId;
  const picked = await pickAsync<string>(
    `${TITLE} (3/3)`,
    'Pick a period, or all periods',
    fixed,
    async () => (groupId ? (await client.getTargetPeriods(groupId)).map(periodChoice) : []),
    (error) => {
      log.warn(`Could not list the periods of target group ${groupId}: ${errorText(error)}`);
      return `Could not list the periods (${errorText(error)}); pick "All periods" or enter an ID.`;
    },
  );
  if (picked === undefined) return undefined;
  if (picked === 'type') return promptId('periodId', '3/3', 'Target period ID (periodId)');
  return picked.value;
}
