import 'server-only';
import { eq } from 'drizzle-orm';
import { canChangeMaterial, canDeleteMaterial, canViewMaterial } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { materials, organisations, users } from '@/lib/db/schema';
import { formatByCode } from '@/lib/formats/file-formats';
import { indexedTextCharacters } from '@/lib/search/indexed-text';
import type { Services } from '@/lib/services';
import { labelOf, vocabularies } from '@/lib/taxonomy/vocabularies';
import { personAndOrganisation } from '@/lib/text/display-name';
import { projectLink } from '@/lib/projects/project-link';
import { isUuid } from '@/lib/text/uuid';
import { currentVersion } from './current-version';
import { materialColumns } from './row-columns';

type Labelled = { slug: string; label: string };

/** Everything the material page shows, and nothing internal (no storage key). */
export interface MaterialDetail {
  id: string;
  title: string;
  summary: string;
  phases: Labelled[];
  artefactType: Labelled;
  kind: Labelled;
  topics: Labelled[];
  tags: string[];
  licence: { spdx: string; label: string; url: string };
  /** `gssCode`: the council's ONS code (E06000023), for structured data; null for other public bodies. */
  council: { slug: string; name: string; homepageUrl: string | null; gssCode: string | null } | null;
  sourceUrl: string | null;
  attribution: string | null;
  /**
   * Who shared it, as others may see them (lib/text/display-name.ts): "Sam Jones, Bristol City Council",
   * "a member of Bristol City Council", or null (the starter kit, imports, a removed account and no council).
   */
  sharedBy: string | null;
  /** The licence says to ask the publishing council before reuse (LicenseRef-ask-owner). */
  askBeforeReuse: boolean;
  /** The project it belongs to (lib/projects), when the viewer may see that project. */
  project: { id: string; name: string } | null;
  /** 'public' | 'councils' | 'organisation' (lib/auth/viewer.ts). */
  visibility: string;
  /** 'published' | 'withdrawn'. */
  status: string;
  /** Set when withdrawn (seen only by those who may restore it). */
  withdrawn: { reason: string; at: string } | null;
  /** What the viewer may do with it (lib/auth/permissions.ts), for showing the right links and buttons. */
  permissions: { canChange: boolean; canDelete: boolean };
  createdAt: string;
  updatedAt: string;
  /** When its details or file last changed, if ever after it was shared (null: never changed). */
  lastUpdatedAt: string | null;
  file: {
    fileName: string;
    format: string;
    formatLabel: string;
    sizeBytes: number;
    sha256: string;
    versionNumber: number;
    uploadedAt: string;
    /** Reading the file's text for search, in the background (lib/jobs/extract-text.ts). */
    text: {
      status: 'pending' | 'extracting' | 'done' | 'no_text' | 'unsupported' | 'failed';
      /** Why it failed, in plain words for the uploader. */
      failure: string | null;
      /** The file is longer than search looks at (lib/search/indexed-text.ts). */
      partlySearched: boolean;
      pageCount: number | null;
      slideCount: number | null;
      sheetCount: number | null;
    };
  };
}

/** A material the viewer may see, or undefined (missing, withdrawn or not theirs to see: all look alike). */
export async function getMaterial(services: Services, viewer: Viewer, id: string): Promise<MaterialDetail | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await services.db
    .select({ material: materialColumns, council: organisations, sharerName: users.name })
    .from(materials)
    .leftJoin(organisations, eq(organisations.id, materials.organisationId))
    .leftJoin(users, eq(users.id, materials.createdBy))
    .where(eq(materials.id, id));
  if (!row || !canViewMaterial(viewer, row.material)) return undefined;
  const version = await currentVersion(services.db, id);
  if (!version) return undefined;

  const v = vocabularies();
  const m = row.material;
  const project = m.projectId ? await projectLink(services, viewer, m.projectId) : null;
  const labelled = (list: Labelled[], slug: string) => ({ slug, label: labelOf(list, slug) });
  const licence = v.licences.find((l) => l.spdx === m.licence);
  return {
    id: m.id,
    title: m.title,
    summary: m.summary,
    phases: v.phases.filter((p) => m.phases.includes(p.slug)).map((p) => labelled(v.phases, p.slug)),
    artefactType: labelled(v.artefactTypes, m.artefactType),
    kind: labelled(v.kinds, m.kind),
    topics: m.topics.map((slug) => labelled(v.topics, slug)),
    tags: m.tags,
    licence: { spdx: m.licence, label: licence?.label ?? m.licence, url: licence?.url ?? '' },
    council: row.council ? { slug: row.council.slug, name: row.council.name, homepageUrl: row.council.homepageUrl, gssCode: row.council.gssCode } : null,
    sourceUrl: m.sourceUrl,
    attribution: m.attribution,
    sharedBy: personAndOrganisation(row.sharerName, row.council?.name),
    askBeforeReuse: m.licence === askOwnerLicence,
    project,
    visibility: m.visibility,
    status: m.status,
    withdrawn: m.status === 'withdrawn' ? { reason: m.withdrawnReason ?? '', at: (m.withdrawnAt ?? m.updatedAt).toISOString() } : null,
    permissions: { canChange: canChangeMaterial(viewer, m), canDelete: canDeleteMaterial(viewer) },
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
    lastUpdatedAt: lastUpdated(m.createdAt, m.updatedAt, version.createdAt),
    file: {
      fileName: version.fileName,
      format: version.format,
      formatLabel: formatByCode(version.format)?.label ?? version.format.toUpperCase(),
      sizeBytes: version.sizeBytes,
      sha256: version.sha256,
      versionNumber: version.versionNumber,
      uploadedAt: version.createdAt.toISOString(),
      text: {
        status: version.textStatus as MaterialDetail['file']['text']['status'],
        failure: version.textFailure,
        partlySearched: version.textTruncated || (version.textLength ?? 0) > indexedTextCharacters,
        pageCount: version.pageCount,
        slideCount: version.slideCount,
        sheetCount: version.sheetCount,
      },
    },
  };
}

/** The licence for "not openly licensed: ask the publishing council before reuse" (lib/taxonomy/data/licences.csv). */
export const askOwnerLicence = 'LicenseRef-ask-owner';

/**
 * The later of the last change to its details and its newest file, when that is after it was first
 * shared. Sharing writes both rows in one transaction (the same now()); a second's grace covers the
 * app's clock against the database's.
 */
function lastUpdated(createdAt: Date, updatedAt: Date, fileUploadedAt: Date): string | null {
  const latest = Math.max(updatedAt.getTime(), fileUploadedAt.getTime());
  return latest - createdAt.getTime() > 1000 ? new Date(latest).toISOString() : null;
}
