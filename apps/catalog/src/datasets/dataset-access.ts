import { hasAnyRole, type Actor } from '@galley/contracts';
import { DomainError } from '@galley/messaging';
import type { DatasetEntity } from './dataset.entity';

/** Owner, tags, description and the expectation suite are changed by the dataset's owner or an admin. */
export function assertCanManage(actor: Actor, dataset: DatasetEntity): void {
  if (actor.name === dataset.owner || hasAnyRole(actor.roles, ['admin'])) return;
  throw new DomainError('catalog.not_dataset_owner', `only the owner of "${dataset.name}" (${dataset.owner}) or an admin can change it`, {
    name: dataset.name,
    owner: dataset.owner,
  });
}
