/** Regenerate schema/scenario.schema.json from the zod schema (the single source of truth). */

import { writeFileSync } from "node:fs";
import { scenarioJsonSchema } from "../src/scenario/schema.js";

const file = new URL("../schema/scenario.schema.json", import.meta.url);
writeFileSync(file, `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
console.log(`wrote ${file.pathname}`);
