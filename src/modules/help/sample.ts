/**
 * Intake keys for the sample network, so a trial of `npm start` can send a help request and read
 * it. A real network's keys are made in its staff's browsers; these are made here, at the sample's
 * load, and each sample account's own key is wrapped by the sample's password (random per install,
 * kept in a 0600 file), which is then also the passphrase at /staff/help. Sample data only.
 */
import crypto from 'node:crypto';
import { recordAudit } from '../../platform/audit.js';
import { type Deps, unitOfWork } from '../../platform/context.js';
import { accountsWithRole, staffWithRoles } from '../accounts/index.js';
import { fingerprint, fromBase64, newKeyPair, sealShare, toBase64, wrapWithPassphrase } from './envelope.js';
import * as repo from './repo.js';

const handlingRoles = ['agency_admin', 'coordinator', 'worker'] as const;

export async function loadSampleHelpKeys(deps: Deps, password: string, agencyIds: string[]): Promise<void> {
  const holders = new Map<string, string[]>();
  for (const agencyId of agencyIds) {
    const staff = await staffWithRoles(deps, agencyId, [...handlingRoles]);
    if (staff.length > 0)
      holders.set(
        agencyId,
        staff.map((account) => account.id),
      );
  }
  const network = (await accountsWithRole(deps, 'network_admin')).map((account) => account.id);
  const owners: Array<[string | null, string[]]> = [
    ...holders.entries(),
    ...(network.length > 0 ? [[null, network] as [null, string[]]] : []),
  ];

  // Argon2id runs before the transaction: it is slow on purpose.
  const own = new Map<string, { publicKey: string; privateKey: Uint8Array; wrapped: string }>();
  for (const accountId of new Set(owners.flatMap(([, ids]) => ids))) {
    const pair = await newKeyPair();
    own.set(accountId, {
      publicKey: toBase64(pair.publicKey),
      privateKey: pair.privateKey,
      wrapped: await wrapWithPassphrase(pair.privateKey, password),
    });
  }
  await unitOfWork(deps, async (tx) => {
    for (const [accountId, key] of own) await repo.putStaffKey(tx.kysely, accountId, fromBase64(key.publicKey), key.wrapped);
    for (const [agencyId, accountIds] of owners) {
      const pair = await newKeyPair();
      const id = crypto.randomUUID();
      const print = await fingerprint(pair.publicKey);
      await repo.insertIntakeKey(tx.kysely, {
        id,
        agencyId,
        publicKey: pair.publicKey,
        fingerprint: print,
        createdBy: accountIds[0] as string,
      });
      for (const accountId of accountIds) {
        const sealed = await sealShare(id, accountId, (own.get(accountId) as { publicKey: string }).publicKey, pair.privateKey);
        await repo.putShare(tx.kysely, {
          intakeKeyId: id,
          accountId,
          sealedPrivate: fromBase64(sealed),
          sharedBy: accountIds[0] as string,
        });
      }
      await recordAudit(
        tx,
        {
          action: 'help.intake_key.create',
          agencyId,
          targetType: 'intake_key',
          targetId: id,
          outcome: 'ok',
          details: { sample: true, fingerprint: print },
        },
        tx.now(),
      );
    }
  });
}
