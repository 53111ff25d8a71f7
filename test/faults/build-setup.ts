import { ensureProductionBuild } from '../../scripts/bench/server';

/** The app servers of the fault suite serve the production build: made first when there is none. */
export default async function setup(): Promise<void> {
  await ensureProductionBuild();
}
