import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  deprecationOf,
  optOutReason,
  TemplateVersion,
} from '@internal/plugin-golden-path-upgrades-common';
import { AdoptedService, UpgradeStore } from '../database/UpgradeStore';
import { serviceRecord } from './GoldenPathsService';

/**
 * Tells the owners of every service on a deprecated version, once per service and version,
 * through Backstage notifications: the sunset date, the reason and the latest version.
 * Returns the services whose owners were told.
 */
export async function sendDeprecationNotices(options: {
  entities: Entity[];
  /** Adopted services by entity ref: what those without annotations are on. */
  adoptions?: Map<string, AdoptedService>;
  versionsOf: (template: string) => Promise<TemplateVersion[]>;
  store: UpgradeStore;
  notifications: NotificationService;
  today: string;
}): Promise<string[]> {
  const { entities, versionsOf, store, notifications, today } = options;
  const told: string[] = [];
  for (const entity of entities) {
    const entityRef = stringifyEntityRef(entity).toLowerCase();
    const record = serviceRecord(entity, options.adoptions?.get(entityRef));
    const owner = entity.spec?.owner;
    if (!record || typeof owner !== 'string') continue;
    if (optOutReason(entity.metadata.annotations)) continue;
    const versions = await versionsOf(record.template);
    const deprecation = deprecationOf(versions, record.version, today);
    if (deprecation.state === 'supported') continue;
    if (!(await store.markDeprecationNotice(entityRef, record.version))) {
      continue;
    }
    const when =
      deprecation.state === 'deprecated'
        ? `its sunset is ${deprecation.sunset} (${deprecation.daysLeft} days left)`
        : `its sunset was ${deprecation.sunset}`;
    await notifications.send({
      recipients: { type: 'entity', entityRef: owner },
      payload: {
        title: `${entity.metadata.name} is on ${record.template} ${record.version}, which is deprecated`,
        description: `${when}. ${deprecation.reason} The latest version is ${versions[0].version}; its upgrade is prepared for you.`,
        link: `/catalog/${entity.metadata.namespace ?? 'default'}/component/${
          entity.metadata.name
        }`,
        severity: deprecation.state === 'sunset' ? 'high' : 'normal',
        topic: 'golden-path-deprecation',
        scope: `golden-path-deprecation:${entityRef}:${record.version}`,
      },
    });
    told.push(entityRef);
  }
  return told;
}
