import type { Deps } from '../../platform/context.js';

/**
 * The only file of the directory module that seals and opens: a confidential location's street
 * address, sealed with its keeping agency's data key and bound to its row, so neither the public
 * nor a copy of the database shows it. It opens only for an accepted referral.
 */
const addressRef = (servicePointId: string) => ({ table: 'service_point', column: 'address', rowId: servicePointId });

export function sealAddress(deps: Deps, agencyId: string, servicePointId: string, address: string): Promise<Buffer> {
  return deps.crypto.encrypt(agencyId, addressRef(servicePointId), address);
}

export function openAddress(deps: Deps, agencyId: string, servicePointId: string, sealed: Uint8Array): Promise<string> {
  return deps.crypto.decrypt(agencyId, addressRef(servicePointId), sealed);
}
