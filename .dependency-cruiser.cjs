/**
 * The layering of src/ (README "Architecture"): arrows point from shells down to base only.
 * `npm run lint` and `.ci/run` run `depcruise`; a violation fails with the rule's name.
 *
 *   shells         cli/ → server/ (the web app's API; web/ is its page, built by Vite)
 *   distribution   distributed/  (Redis queue: coordinator and workers of a study)
 *   studies        montecarlo/   verification/
 *   orchestration  engine/
 *   edges          io/ → report/           scenario/ (reads and validates files only)
 *   models         dynamics/ vehicle/ navigation/ guidance/ terrain/ threats/ planning/
 *                  targets/ effects/ mission/
 *   base           core/ earth/
 */

const MODELS =
  "(dynamics|vehicle|navigation|guidance|terrain|threats|targets|planning|effects|mission)";
const BASE = "(core|earth)";
const ABOVE_MODELS =
  "(engine|montecarlo|verification|distributed|cli|io|report|scenario|server|web)";
/** Type-only imports carry no code and no load order, so they may cross a layer sideways. */
const RUNTIME = { dependencyTypesNot: ["type-only"] };

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "No import circles, not even through types: each file has one place in the layers.",
      from: { path: "^src/" },
      to: { circular: true },
    },
    {
      name: "base-imports-nothing-above",
      severity: "error",
      comment: "core/ and earth/ are the base: they import only each other.",
      from: { path: `^src/${BASE}/` },
      to: { path: "^src/", pathNot: `^src/${BASE}/` },
    },
    {
      name: "models-take-plain-parameters",
      severity: "error",
      comment:
        "Model folders take plain typed parameters: they never import orchestration, studies, " +
        "scenario loading, writers, reports or shells.",
      from: { path: `^src/${MODELS}/` },
      to: { path: `^src/${ABOVE_MODELS}/` },
    },
    {
      name: "scenario-only-reads-files",
      severity: "error",
      comment:
        "scenario/ reads, validates and normalises files; it imports no model runtime code " +
        "(types are fine) and nothing above it.",
      from: { path: "^src/scenario/" },
      to: {
        path: `^src/(${MODELS.slice(1, -1)}|${ABOVE_MODELS.slice(1, -1)})/`,
        pathNot: "^src/scenario/",
        ...RUNTIME,
      },
    },
    {
      name: "report-renders-plain-data",
      severity: "error",
      comment:
        "report/ renders plain data: it imports no runner, writer, engine, scenario loader or " +
        "shell (types only).",
      from: { path: "^src/report/" },
      to: {
        path: "^src/(engine|montecarlo|verification|distributed|cli|io|scenario|server|web)/",
        ...RUNTIME,
      },
    },
    {
      name: "io-writes-plain-data",
      severity: "error",
      comment:
        "io/ writes results it is given: it imports no engine, study runner or shell (types only).",
      from: { path: "^src/io/" },
      to: { path: "^src/(engine|montecarlo|verification|distributed|cli|server|web)/", ...RUNTIME },
    },
    {
      name: "engine-below-shells-and-studies",
      severity: "error",
      comment:
        "engine/ assembles worlds and runs them; shells and study runners call it, never the reverse.",
      from: { path: "^src/engine/" },
      to: { path: "^src/(cli|montecarlo|verification|distributed|server|web)/" },
    },
    {
      name: "studies-below-shells",
      severity: "error",
      comment:
        "Study runners (Monte Carlo, verification) are called by the shells; they never import one.",
      from: { path: "^src/(montecarlo|verification)/" },
      to: { path: "^src/(cli|distributed|server|web)/" },
    },
    {
      name: "distribution-below-shells",
      severity: "error",
      comment:
        "distributed/ (the Redis queue's coordinator and workers) runs studies for the shells; it never imports one.",
      from: { path: "^src/distributed/" },
      to: { path: "^src/(cli|server|web)/" },
    },
    {
      name: "server-is-a-shell",
      comment:
        "server/ is a shell like cli/: it calls engine/, scenario/, io/ and report/ (and core/), " +
        "never a study runner, a model or the CLI; only cli/ imports it.",
      severity: "error",
      from: { path: "^src/server/" },
      to: {
        path: `^src/(${MODELS.slice(1, -1)}|cli|montecarlo|verification|web)/`,
        ...RUNTIME,
      },
    },
    {
      name: "only-cli-imports-server",
      comment: "The server is started by `standoff serve`; nothing else imports it.",
      severity: "error",
      from: { path: "^src/", pathNot: "^src/(cli|server)/" },
      to: { path: "^src/server/" },
    },
    {
      name: "not-to-tests-or-bench",
      severity: "error",
      comment: "Shipped code never imports tests, benchmarks or scripts.",
      from: { path: "^src/" },
      to: { path: "^(test|bench|scripts)/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".js"] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
