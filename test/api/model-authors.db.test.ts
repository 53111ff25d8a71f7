/**
 * The model a gate names is an identity of its own: whatever `model.id` an integration sends, it
 * never resolves to a person or an agent of the organization, and the model's display name is the
 * one the latest opened gate gave it.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { prisma } from '@/lib/db/prisma';
import { resetDatabase } from '../db';
import { createTeam, gateBody, type TestActor, type TestTeam } from '../fixtures';
import { actorOf, expectError, openReview, REVIEWS, send } from '../review-helpers';

let team: TestTeam;

beforeEach(async () => {
  await resetDatabase();
  team = await createTeam('acme');
});

describe('a gate naming an actor id as its model', () => {
  const impersonated: [string, (t: TestTeam) => TestActor][] = [
    ['a reviewer', (t) => t.reviewer],
    ['an agent', (t) => t.agent],
    ['the integration opening the gate', (t) => t.integration],
  ];

  for (const [who, pick] of impersonated) {
    it(`authors version 0 as a model, never as ${who}`, async () => {
      const person = pick(team);
      const model = { id: person.id, display_name: 'Impostor 9000' };
      const review = await openReview(team, { model });

      expect(review.opened.versions[0].author).toEqual({ kind: 'model', ...model });
      // The actor whose id was sent is untouched: same kind, same name, on their own actions.
      const claimed = await review.ok('claim', team.lead);
      expect(claimed.claim.holder).toEqual(actorOf(team.lead));
      const edited = await review.ok('versions', person, { snapshot: { vendor: 'Acme AG' }, origin: 'agent_edit' });
      expect(edited.versions[1].author).toEqual(actorOf(person));
      expect(edited.versions[0].author).toEqual({ kind: 'model', ...model });
      expect(await prisma.actor.findUniqueOrThrow({ where: { id: person.pk } })).toMatchObject({
        kind: person.kind,
        displayName: person.display_name,
      });
    });
  }
});

describe("a model's display name", () => {
  const modelAuthorOf = async (runId: string, blockId: string) =>
    (await send('GET', `${REVIEWS}/${runId}/${blockId}`, { key: team.reviewer.key })).body.versions[0].author;

  it('follows the latest gate that names it, on every review it authored', async () => {
    const first = await openReview(team, { model: { id: 'gpt-x', display_name: 'GPT X' } });
    expect(first.opened.versions[0].author).toEqual({ kind: 'model', id: 'gpt-x', display_name: 'GPT X' });

    const second = await openReview(team, { model: { id: 'gpt-x', display_name: 'GPT X (2026-05)' } });
    const renamed = { kind: 'model', id: 'gpt-x', display_name: 'GPT X (2026-05)' };
    expect(second.opened.versions[0].author).toEqual(renamed);
    expect(await modelAuthorOf(first.runId, first.gate.block_id)).toEqual(renamed);
    expect(await prisma.actor.count({ where: { organizationId: team.organizationId, publicId: 'gpt-x' } })).toBe(1);
  });

  it('is not renamed back by a replayed gate, nor by a refused one', async () => {
    const first = await openReview(team, { model: { id: 'gpt-x', display_name: 'GPT X' } });
    await openReview(team, { model: { id: 'gpt-x', display_name: 'GPT X (2026-05)' } });
    const renamed = { kind: 'model', id: 'gpt-x', display_name: 'GPT X (2026-05)' };

    const replay = await send('POST', REVIEWS, { key: team.integration.key, body: first.gate });
    expect(replay.status).toBe(200);
    const refused = await send('POST', REVIEWS, {
      key: team.integration.key,
      body: { ...first.gate, model: { id: 'gpt-x', display_name: 'GPT X (refused)' } },
    });
    expectError(refused, 409, 'gate_conflict');

    expect(await modelAuthorOf(first.runId, first.gate.block_id)).toEqual(renamed);
  });

  it('concurrent gates naming one model leave one model row with one of the names sent', async () => {
    const names = Array.from({ length: 8 }, (_, i) => `GPT X build ${i}`);
    const responses = await Promise.all(
      names.map((display_name) =>
        send('POST', REVIEWS, { key: team.integration.key, body: gateBody({ model: { id: 'gpt-x', display_name } }) }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(names.map(() => 201));
    const models = await prisma.actor.findMany({ where: { organizationId: team.organizationId, publicId: 'gpt-x' } });
    expect(models).toHaveLength(1);
    expect(names).toContain(models[0]!.displayName);
  });
});
