// GET /v1.1/organization/entities?type=STORE&id=… (Capillary's "Get Org Entities"): the stores of bills, for their
// zone and concept (a target's ZONE and CONCEPT filters). Documented: `type` (STORE, ZONE, CONCEPT, ...), `id` (one
// or several, comma-separated), `format=json`; the answer nests the list as `response.organization.entities.entity`
// (one entity may come as an object rather than a list). The reference names no zone or concept field of a store
// in this answer; a store's documented parents are `parentZoneId` and `parentConceptId` (the store resource of
// "Add store"), or a `parent` entity typed ZONE or CONCEPT. A store without them has an unknown zone or concept,
// which the reasons report as a filter that could not be checked, never as a guess.
import type { ApiRequest, ApiResponse, Transport } from '../transport/http';
import { isJsonObject, type JsonObject, type JsonValue } from '../transport/json';
import { idText, missingInAnswer, scalarText } from './values';

export interface StoreParents {
  storeId: string;
  zoneId?: string;
  conceptId?: string;
}

export function storeEntitiesRequest(storeIds: readonly string[]): ApiRequest {
  return {
    method: 'GET',
    path: '/v1.1/organization/entities',
    query: { type: 'STORE', id: storeIds.join(','), format: 'json' },
    authenticated: true,
  };
}

/** The zone and concept of each store asked for that Capillary lists, by store ID. */
export async function fetchStoreParents(transport: Transport, storeIds: readonly string[], signal?: AbortSignal): Promise<Map<string, StoreParents>> {
  if (storeIds.length === 0) return new Map();
  return readStoreParents(await transport.send(storeEntitiesRequest(storeIds), signal));
}

export function readStoreParents(response: Pick<ApiResponse, 'body' | 'status' | 'requestId'>): Map<string, StoreParents> {
  const wrapper = isJsonObject(response.body.response) ? response.body.response : response.body;
  const organization = isJsonObject(wrapper.organization) ? wrapper.organization : undefined;
  const entities = organization && isJsonObject(organization.entities) ? organization.entities.entity : undefined;
  if (entities === undefined) throw missingInAnswer(response, 'without the organisation\u2019s entities');
  const list = (Array.isArray(entities) ? entities : [entities]).filter(isJsonObject);
  const stores = new Map<string, StoreParents>();
  for (const entity of list) {
    const storeId = idText(entity.id);
    if (!storeId) continue;
    const parents: StoreParents = { storeId };
    const zoneId = idText(entity.parentZoneId) || parentOfType(entity.parent, 'ZONE');
    const conceptId = idText(entity.parentConceptId) || parentOfType(entity.parent, 'CONCEPT');
    if (zoneId) parents.zoneId = zoneId;
    if (conceptId) parents.conceptId = conceptId;
    stores.set(storeId, parents);
  }
  return stores;
}

function parentOfType(parent: JsonValue | undefined, type: 'ZONE' | 'CONCEPT'): string {
  const candidates = Array.isArray(parent) ? parent : [parent];
  const match = candidates.find((entry): entry is JsonObject => isJsonObject(entry) && scalarText(entry.type).toUpperCase() === type);
  return match ? idText(match.id) : '';
}
