import { describe, expect, it } from 'vitest';
import * as prismaEnums from '../db/generated/enums';
import {
  ACTOR_KINDS,
  AUDIT_EVENTS,
  BLOCK_TYPES,
  DELIVERY_STATUSES,
  OVERLAY_STATUSES,
  ROLES,
  RUN_STATUSES,
  VERDICTS,
  VERSION_ORIGINS,
} from './enums';

// Prisma generates its enums from prisma/schema.prisma, which the schema-drift test holds to the
// migrated database: equal here means equal down to PostgreSQL.
describe('the enum lists match the database enums Prisma generates', () => {
  it.each([
    ['ActorRole', ROLES, prismaEnums.ActorRole],
    ['ActorKind', ACTOR_KINDS, prismaEnums.ActorKind],
    ['BlockType', BLOCK_TYPES, prismaEnums.BlockType],
    ['OverlayStatus', OVERLAY_STATUSES, prismaEnums.OverlayStatus],
    ['VersionOrigin', VERSION_ORIGINS, prismaEnums.VersionOrigin],
    ['Verdict', VERDICTS, prismaEnums.Verdict],
    ['RunStatus', RUN_STATUSES, prismaEnums.RunStatus],
    ['AuditEvent', AUDIT_EVENTS, prismaEnums.AuditEvent],
    ['DeliveryStatus', DELIVERY_STATUSES, prismaEnums.DeliveryStatus],
  ] as const)('%s', (_name, list, prismaEnum) => {
    expect([...list]).toEqual(Object.values(prismaEnum));
  });

  it('covers every enum of the schema', () => {
    expect(Object.keys(prismaEnums).sort()).toEqual([
      'ActorKind',
      'ActorRole',
      'AuditEvent',
      'BlockType',
      'DeliveryStatus',
      'OverlayStatus',
      'RunStatus',
      'Verdict',
      'VersionOrigin',
    ]);
  });
});
