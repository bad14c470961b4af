/**
 * Intake keys for the sample network, so a trial of `npm start` can send a help request and read
 * it. A real network's keys are made in its staff's browsers; these are made here, at the sample's
 * load, and each sample account's own key is wrapped by the sample's password (random per install,
 * kept in a 0600 file), which is then also the passphrase at /staff/help. Sample data only.
 */
import crypto from 'node:crypto';
import { recordAudit } from '../../platform/audit.js';
import { type Deps, unitOfWork } from '../../platform/context.js';
import { fingerprint, fromBase64, newKeyPair, sealShare, toBase64, wrapWithPassphrase } from './envelope.js';
import * as repo from './repo.js';
import { keepersOf } from './service.js';

export async function loadSampleHelpKeys(deps: Deps, password: string, agencyIds: string[]): Promise<void> {
  const owners: Array<[string | null, string[]]> = [];
  for (const agencyId of agencyIds) owners.push([agencyId, await keepersOf(deps, { agencyId })]);
  owners.push([null, await keepersOf(deps, { network: true })]);
  const withKeepers = owners.filter(([, ids]) => ids.length > 0);

  // Argon2id runs before the transaction: it is slow on purpose.
  const own = new Map<string, { publicKey: string; wrapped: string }>();
  for (const accountId of new Set(withKeepers.flatMap(([, ids]) => ids))) {
    const pair = await newKeyPair();
    own.set(accountId, {
      publicKey: toBase64(pair.publicKey),
      wrapped: await wrapWithPassphrase(pair.privateKey, password),
    });
  }
  await unitOfWork(deps, async (tx) => {
    for (const [accountId, key] of own) await repo.putStaffKey(tx.kysely, accountId, fromBase64(key.publicKey), key.wrapped);
    for (const [agencyId, accountIds] of withKeepers) {
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
