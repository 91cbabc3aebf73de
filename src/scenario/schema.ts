/**
 * The scenario schema: one source of truth for validation and for the JSON Schema that editors and
 * other tools use (exported to schema/scenario.schema.json by `npm run schema`).
 */

import { z } from "zod";
import { bodyScenarioSchema } from "./body-schema.js";
import { missionScenarioSchema } from "./mission-schema.js";
import { salvoScenarioSchema } from "./salvo-schema.js";

/** Every scenario kind, told apart by `kind`. */
export const scenarioSchema = z.discriminatedUnion("kind", [
  bodyScenarioSchema,
  missionScenarioSchema,
  salvoScenarioSchema,
]);

/** A validated scenario of any kind. */
export type Scenario = z.infer<typeof scenarioSchema>;

/** The scenario schema as a JSON Schema (draft 2020-12) document. */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(scenarioSchema, { io: "input", unrepresentable: "any" });
  return {
    ...schema,
    $id: "https://standoff.dev/schema/scenario.schema.json",
    title: "standoff scenario",
    description:
      "A standoff scenario file (YAML or JSON). Units are in the key names; every number must be finite.",
  };
}
