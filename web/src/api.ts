/** The server's JSON API, typed from the server's own declarations. */

import type { MapFeatures, MapPoint } from "../../src/engine/map-types.js";
import type { CheckProblem, JobKindInfo, JobView } from "../../src/server/api-types.js";

export type { CheckProblem, JobKindInfo, JobView, MapFeatures, MapPoint };

/** The terrain image and its box, degrees. */
export interface TerrainImage {
  readonly url: string;
  readonly south: number;
  readonly west: number;
  readonly north: number;
  readonly east: number;
}

/** One radar's coverage at the cruise height: its detection ring's index, image and box. */
export interface CoverageImage extends TerrainImage {
  readonly ring: number;
}

/** /api/validate's answer. */
export type ValidateAnswer =
  | {
      readonly ok: true;
      readonly scenario: { readonly kind: "body" | "mission" | "salvo"; readonly name: string };
      readonly features: MapFeatures;
      readonly terrainImage: TerrainImage | null;
      readonly coverageImages: readonly CoverageImage[];
    }
  | { readonly ok: false; readonly problems: readonly CheckProblem[] };

/** An API error: the HTTP status and the server's message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly problems: readonly (CheckProblem | string)[] = [],
  ) {
    super(message);
  }
}

async function call<T>(url: string, init?: RequestInit): Promise<T> {
  const r = await fetch(url, init);
  const body = (await r.json().catch(() => ({ error: r.statusText }))) as {
    error?: string;
    problems?: (CheckProblem | string)[];
  };
  if (!r.ok) throw new ApiError(r.status, body.error ?? r.statusText, body.problems ?? []);
  return body as T;
}

const post = (body: unknown): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

export const api = {
  examples: () =>
    call<{ examples: { name: string; title: string; kind: string }[] }>("/api/examples"),
  example: (name: string) =>
    call<{ name: string; text: string }>(`/api/examples/${encodeURIComponent(name)}`),
  kinds: () => call<{ kinds: JobKindInfo[]; maxRunning: number }>("/api/kinds"),
  validate: (text: string, name: string, signal?: AbortSignal) =>
    call<ValidateAnswer>("/api/validate", { ...post({ text, name }), signal }),
  start: (kind: string, text: string, name: string, options: Record<string, unknown>) =>
    call<JobView>(`/api/jobs/${encodeURIComponent(kind)}`, post({ text, name, options })),
  cancel: (id: string) => call<JobView>(`/api/jobs/${id}/cancel`, { method: "POST" }),
  job: (id: string) => call<JobView>(`/api/jobs/${id}`),
  /** URL of a job's output file (add ?download to save it). */
  fileUrl: (id: string, path: string) =>
    `/api/jobs/${id}/files/${path.split("/").map(encodeURIComponent).join("/")}`,
  text: async (url: string) => {
    const r = await fetch(url);
    if (!r.ok) throw new ApiError(r.status, `${url}: ${r.statusText}`);
    return r.text();
  },
};
