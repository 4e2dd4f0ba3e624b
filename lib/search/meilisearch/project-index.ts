/**
 * The projects index sits beside the materials index (MEILI_INDEX) on the same server, named after
 * it, so one API key scoped to `<MEILI_INDEX>*` covers both and a test's own index has its own
 * projects index. "materials" → "materials_projects".
 */
export function projectsIndexUid(materialsIndexUid: string): string {
  return `${materialsIndexUid}_projects`;
}
