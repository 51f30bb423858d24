// GET /v3/targetGroups/{targetGroupId}/targets: what each target of a group counts. Groups without a definition in
// the seed get one derived from their lookups (a behavioural group counts its event, the others transactions).

import type { SampleTargetDefinition } from '../data/types';
import { explainFaultReply } from '../faults';
import { RawNumber, toJson, type JsonValue } from '../json';
import { envelopeError, parseLongParam, type Reply } from '../reply';
import type { SampleState } from '../state';

export const TARGET_DEFINITIONS_PATH = /^\/v3\/targetGroups\/([^/]+)\/targets$/;

function derivedDefinitions(state: SampleState, groupId: string): SampleTargetDefinition[] {
  const definitions = new Map<string, SampleTargetDefinition>();
  for (const lookup of state.lookups.all()) {
    const event = lookup.events.find((candidate) => candidate.targetGroupId === groupId);
    if (!event || definitions.has(lookup.targetRuleId)) continue;
    const behavioural = event.eventName === 'GENERIC_EVENT';
    definitions.set(lookup.targetRuleId, {
      targetRuleId: lookup.targetRuleId,
      targetType: behavioural ? 'COUNT' : 'SALES',
      targetEntity: behavioural ? 'EVENT' : 'TRANSACTION',
      eventName: behavioural ? (event.eventDisplayName ?? 'GENERIC_EVENT') : 'TransactionAdd',
      expression: 'true',
      filters: [],
      enrolmentMethod: 'TRANSACTION',
    });
  }
  return [...definitions.values()];
}

export function targetDefinitionsReply(state: SampleState, groupIdText: string, path: string): Reply {
  const groupId = parseLongParam('targetGroupId', groupIdText, true);
  if (groupId.error) return groupId.error;
  const refusal = explainFaultReply(state.faults, 'targets', path);
  if (refusal) return refusal;
  const definitions = state.explain.definitions.get(groupId.value as string) ?? derivedDefinitions(state, groupId.value as string);
  if (definitions.length === 0) return envelopeError(404, 404, `Target group ${groupId.value} not found`);
  const data: JsonValue[] = definitions.map((definition) => ({
    id: new RawNumber(definition.targetRuleId),
    name: `Target ${definition.targetRuleId}`,
    emfRuleSetId: new RawNumber(String(126_000_000n + BigInt(definition.targetRuleId))),
    targetType: definition.targetType,
    targetEntity: definition.targetEntity,
    eventName: definition.eventName,
    targetGroupId: new RawNumber(groupId.value as string),
    active: true,
    expression: definition.expression,
    // The documented example sends the JSON form as a string.
    expressionJson: JSON.stringify({ arity: 'literal', value: definition.expression, type: 'boolean:primitive' }, null, 1),
    filters: definition.filters.map((filter) => ({ entityType: filter.entityType, entityIds: filter.entityIds.map((id) => new RawNumber(id)) })),
    enrolmentMethod: definition.enrolmentMethod,
  }));
  return { status: 200, body: `{"data":${toJson(data)},"errors":[],"warnings":[]}` };
}
