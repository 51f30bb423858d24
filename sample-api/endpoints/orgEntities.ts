// GET /v1.1/organization/entities?type=STORE&id=…&format=json: the organisation's stores, in the v1.1 wrapper
// (`response.organization.entities.entity`). A store's zone and concept come in both documented forms: the store
// resource's `parentZoneId` / `parentConceptId`, or `parent` entities typed ZONE and CONCEPT (even store IDs).

import { explainFaultReply } from '../faults';
import { RawNumber, toJson, type JsonValue } from '../json';
import type { Reply } from '../reply';
import type { SampleState } from '../state';

export const ORG_ENTITIES_PATH = '/v1.1/organization/entities';

export function orgEntitiesReply(state: SampleState, query: URLSearchParams, path: string): Reply {
  const refusal = explainFaultReply(state.faults, 'orgEntities', path);
  if (refusal) return refusal;
  const ids = (query.get('id') ?? '').split(',').filter((id) => id !== '');
  const stores = query.get('type')?.toUpperCase() === 'STORE' ? [...state.explain.stores.values()].filter((store) => ids.length === 0 || ids.includes(store.id)) : [];
  const entity: JsonValue[] = stores.map((store) => {
    const parents: { [key: string]: JsonValue } =
      BigInt(store.id) % 2n === 0n
        ? {
            parent: [
              ...(store.zoneId ? [{ type: 'ZONE', id: new RawNumber(store.zoneId) }] : []),
              ...(store.conceptId ? [{ type: 'CONCEPT', id: new RawNumber(store.conceptId) }] : []),
            ],
          }
        : {
            ...(store.zoneId ? { parentZoneId: new RawNumber(store.zoneId) } : {}),
            ...(store.conceptId ? { parentConceptId: new RawNumber(store.conceptId) } : {}),
          };
    return {
      item_status: { success: true, code: 3200, message: 'Entity search successful' },
      id: new RawNumber(store.id),
      is_active: 1,
      code: store.code,
      name: store.name,
      type: 'STORE',
      ...parents,
    };
  });
  const response = {
    pagination: { limit: 500, offset: 0, total: entity.length },
    status: { success: true, code: 200, message: 'SUCCESS' },
    organization: { entities: { entity } },
  };
  return { status: 200, body: `{"response":${toJson(response)}}` };
}
