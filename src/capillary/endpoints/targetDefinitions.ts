// GET /v3/targetGroups/{targetGroupId}/targets: what each target of a group counts (Capillary's "Get targets
// details"). Documented per target: `id`, `emfRuleSetId`, `targetType`, `targetEntity`, `eventName`, `expression`,
// `expressionJson` (a string holding JSON in the documented example), `filters` (empty in the example; entries of
// `entityType` STORE | ZONE | CONCEPT with `entityIds`) and the enrolment method. A target is matched to a lookup's
// rule by `id` (the record's ID, which the customer's targetGroups calls `targetRuleId`) or by a `targetRuleId`
// field where a cluster sends one; `emfRuleSetId` names another thing (the EMF rule set) and is never matched.
import type { ApiRequest, ApiResponse, Transport } from '../transport/http';
import { JsonNumber, isJsonObject, parseJson, type JsonObject, type JsonValue } from '../transport/json';
import { validateId } from '../validation';
import type { TargetDefinition, TargetFilter } from '../../shared/explanation';
import { firstText, idText, missingInAnswer, scalarText } from './values';

export function targetDefinitionsRequest(targetGroupId: string): ApiRequest {
  return { method: 'GET', path: `/v3/targetGroups/${validateId('targetGroupId', targetGroupId)}/targets`, authenticated: true };
}

export async function fetchTargetDefinitions(transport: Transport, targetGroupId: string, signal?: AbortSignal): Promise<TargetDefinition[]> {
  return readTargetDefinitions(await transport.send(targetDefinitionsRequest(targetGroupId), signal));
}

/** Every target of the answer; `data` is the documented list (a `data.targets` list is read too). */
export function readTargetDefinitions(response: Pick<ApiResponse, 'body' | 'status' | 'requestId'>): TargetDefinition[] {
  const data = response.body.data;
  const list = Array.isArray(data) ? data : isJsonObject(data) && Array.isArray(data.targets) ? data.targets : undefined;
  if (!list) throw missingInAnswer(response, 'without the list of targets');
  return list.filter(isJsonObject).map(readDefinition);
}

function readDefinition(raw: JsonObject): TargetDefinition {
  const definition: TargetDefinition = {
    targetRuleId: idText(raw.targetRuleId) || idText(raw.id),
    targetType: scalarText(raw.targetType),
    targetEntity: scalarText(raw.targetEntity),
    eventName: scalarText(raw.eventName),
    expression: scalarText(raw.expression).trim(),
    filters: readFilters(raw.filters),
  };
  const expressionJson = prettyExpressionJson(raw.expressionJson);
  if (expressionJson) definition.expressionJson = expressionJson;
  // Capillary's pages spell it both ways.
  const enrolmentMethod = firstText(raw, ['enrolmentMethod', 'enrollmentMethod']);
  if (enrolmentMethod) definition.enrolmentMethod = enrolmentMethod;
  return definition;
}

/** `filters[]`: `entityIds` as a list of IDs (numbers keep every digit) or as comma-separated text. */
function readFilters(raw: JsonValue | undefined): TargetFilter[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter(isJsonObject).flatMap((filter) => {
    const entityType = scalarText(filter.entityType).toUpperCase();
    const ids = filter.entityIds;
    const entityIds = Array.isArray(ids) ? ids.map(idText) : scalarText(ids).split(',');
    const cleaned = entityIds.map((id) => id.trim()).filter((id) => id !== '');
    return entityType ? [{ entityType, entityIds: cleaned }] : [];
  });
}

/** The expression's JSON form pretty-printed (numbers as sent); text that is not JSON is kept as sent. */
function prettyExpressionJson(raw: JsonValue | undefined): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'string') return jsonText(raw, '');
  const text = raw.trim();
  if (!text) return undefined;
  try {
    return jsonText(parseJson(text), '');
  } catch {
    return text;
  }
}

function jsonText(value: JsonValue, indent: string): string {
  if (value instanceof JsonNumber) return value.text;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const inner = `${indent}  `;
    return `[\n${value.map((item) => inner + jsonText(item, inner)).join(',\n')}\n${indent}]`;
  }
  if (isJsonObject(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    const inner = `${indent}  `;
    return `{\n${entries.map(([key, item]) => `${inner}${JSON.stringify(key)}: ${jsonText(item, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}
