-- A gate names its model by the id the workflow engine sends, and that id was looked up among
-- every actor of the organization: sending a person's `act_…` id as `model.id` made that person
-- the author of version 0. Actor ids are now unique per kind, and gates look up models only, so
-- a model id is a namespace of its own. Versions already written keep the author they have.
DROP INDEX "actors_organization_id_public_id_key";

CREATE UNIQUE INDEX "actors_organization_id_kind_public_id_key" ON "actors"("organization_id", "kind", "public_id");
