import type { ActorKind } from './enums';

/**
 * Who an actor is to the outside world. Public ids are unique per kind only (a model may carry a
 * person's id), so the kind is part of the identity.
 */
export interface ActorIdentity {
  kind: ActorKind;
  id: string;
}

/** An actor as the contract shows it, plus the row id that history rows point at. */
export interface ActorRef extends ActorIdentity {
  pk: string;
  display_name: string;
}

/**
 * Whether two public actors are the same one: the same id under another kind is someone else.
 * Nobody (no one signed in yet) is the same as no one.
 */
export function isSameActor(a: ActorIdentity, b: ActorIdentity | null | undefined): boolean {
  return b != null && a.kind === b.kind && a.id === b.id;
}
